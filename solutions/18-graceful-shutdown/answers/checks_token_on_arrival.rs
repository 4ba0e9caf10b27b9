//! grader: expect fail stops_at_once_when_idle "noticed it only at 3.000s, when the next job arrived"
//! Waits for its jobs properly, but asks `is_cancelled()` only when a job has arrived:
//! an idle worker doesn't notice the shutdown until the next job comes.
//! grader: replaces items

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    while let Some(job) = jobs.recv().await {
        if shutdown.is_cancelled() {
            break;
        }
        tracker.spawn(job);
    }
    tracker.close();
    tracker.wait().await;
}
