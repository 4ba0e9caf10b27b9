//! grader: expect fail three_tasks_run_together "Task 3 started at 3.000s, when Task 1 and Task 2 had finished"
//! grader: expect fail event_table_matches_the_notes "`Task 3 • Start`; yours has it at 3.000s instead"
//! Joins task 1 and task 2, then awaits task 3 on its own: two of the three run together, the third only after them.
//! grader: replaces items

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    tokio::join!(task_one(), task_two());
    task_three().await;
}
