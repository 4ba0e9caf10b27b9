//! grader: expect fail finishes_when_the_queue_closes "without `tracker.close()` first"
//! Closes the tracker in the shutdown branch only: when the queue closes instead,
//! `tracker.wait()` waits on an open tracker, for good.
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
            () = shutdown.cancelled() => {
                tracker.close();
                break;
            }
            job = jobs.recv() => match job {
                Some(job) => {
                    tracker.spawn(job);
                }
                None => break, // the queue is closed: no job will ever come again
            },
        }
    }
    tracker.wait().await;
}
