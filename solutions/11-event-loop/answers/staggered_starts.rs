//! grader: expect fail three_tasks_run_together "not each once the one before it was done"
//! grader: expect fail event_table_matches_the_notes "`Task 2 • Start` and `Task 3 • Start`; yours has them at 0.100s and at 0.200s"
//! Staggers the starts with a sleep before tasks 2 and 3 ("give task 1 a head start"), inside one `join!`.
//! grader: replaces items

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    tokio::join!(
        task_one(),
        async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            task_two().await
        },
        async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            task_three().await
        },
    );
}
