//! grader: expect fail shutdown_lets_jobs_in_flight_finish "without `tracker.close()` first"
//! grader: expect fail stops_at_once_when_idle "without `tracker.close()` first"
//! grader: expect fail finishes_when_the_queue_closes "without `tracker.close()` first"
//! grader: expect fail ctrl_c_drains_then_exits "without `tracker.close()`"
//! Right in every way but one: it waits on the tracker without closing it first, and
//! `wait()` returns only once the tracker is closed and empty.
//! grader: replaces items

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        tracker.spawn(job);
    }
    tracker.wait().await;
}
