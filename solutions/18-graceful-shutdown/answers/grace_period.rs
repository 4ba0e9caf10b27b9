//! grader: expect fail shutdown_lets_jobs_in_flight_finish "while job 1 was still running"
//! Waits for the jobs in flight, but only for a grace period of 5 s: a job that needs
//! longer is left running when run_worker returns.
//! grader: replaces items

/// Takes jobs from `jobs` as they arrive and runs each as a task of its own, so a long
/// job never holds up the next one.
///
/// Stops taking jobs as soon as `shutdown` is cancelled, or when the queue is closed
/// (every sender is gone). Either way, it then waits for the jobs in flight to finish,
/// and returns. A job that arrives after the shutdown is never started.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    loop {
        tokio::select! {
            // Look at the token first: once it is cancelled, no job starts, even one
            // that is waiting in the queue at the same moment.
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    tracker.spawn(job);
                }
                None => break, // the queue is closed: no job will ever come again
            },
        }
    }
    // No new tasks from here on; `wait` returns once the tracker is closed *and* empty.
    tracker.close();
    // Give the jobs in flight 5 s to finish, and don't hang on a job that never ends.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), tracker.wait()).await;
}
