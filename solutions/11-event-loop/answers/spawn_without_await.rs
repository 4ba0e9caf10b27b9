//! grader: expect fail three_tasks_run_together "Task 1 never started"
//! grader: expect fail event_table_matches_the_notes "The order of events"
//! Spawns the three tasks and returns without awaiting their handles: run_all returns
//! at once, and the runtime drops the tasks before they ever run.
//! grader: replaces items

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    tokio::spawn(task_one());
    tokio::spawn(task_two());
    tokio::spawn(task_three());
}
