//! grader: expect fail shutdown_lets_jobs_in_flight_finish "started it anyway"
//! grader: expect fail stops_at_once_when_idle "started it anyway"
//! grader: expect fail ctrl_c_drains_then_exits "went on taking jobs after Ctrl-C"
//! Listens for Ctrl-C and cancels the token, but the worker never looks at the token:
//! it takes jobs for as long as the queue is open.
//! grader: replaces items

pub async fn run_worker(_shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    while let Some(job) = jobs.recv().await {
        tracker.spawn(job);
    }
    tracker.close();
    tracker.wait().await;
}
