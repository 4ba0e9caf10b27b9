//! grader: expect fail three_tasks_run_together "awaited each task to its end"
//! grader: expect fail event_table_matches_the_notes "The order of events is not what a correct solution produces"
//! Runs the three tasks one after another, like `await task_one(); await task_two()`: 6 s.
//! grader: replaces items

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    task_one().await;
    task_two().await;
    task_three().await;
}
