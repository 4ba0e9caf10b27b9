//! grader: expect pass
//! Another correct answer: `run_until_cancelled` around the whole receiving loop (the
//! loop's future is dropped when the token fires, between two jobs), then the tracker.
//! grader: replaces items

/// Takes jobs from `jobs` as they arrive and runs each as a task of its own, so a long
/// job never holds up the next one.
///
/// Stops taking jobs as soon as `shutdown` is cancelled, or when the queue is closed
/// (every sender is gone). Either way, it then waits for the jobs in flight to finish,
/// and returns. A job that arrives after the shutdown is never started.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    // Ends when the queue is closed, or is dropped while it waits for a job when the
    // token fires. Spawning never awaits, so no job is dropped half taken.
    shutdown
        .run_until_cancelled(async {
            while let Some(job) = jobs.recv().await {
                tracker.spawn(job);
            }
        })
        .await;
    // No new tasks from here on; `wait` returns once the tracker is closed *and* empty.
    tracker.close();
    tracker.wait().await;
}
