//! grader: expect fail finishes_when_the_queue_closes "were still running"
//! Waits for the jobs in flight after a shutdown, but returns straight from the loop
//! when the queue is closed, as if no more jobs meant no more work.
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
                None => return, // the queue is closed: nothing more to do
            },
        }
    }
    // No new tasks from here on; `wait` returns once the tracker is closed *and* empty.
    tracker.close();
    tracker.wait().await;
}
