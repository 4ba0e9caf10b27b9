//! grader: expect fail shutdown_lets_jobs_in_flight_finish "without `tracker.close()` first"
//! grader: expect fail stops_at_once_when_idle "without `tracker.close()` first"
//! grader: expect fail finishes_when_the_queue_closes "without `tracker.close()` first"
//! grader: expect fail ctrl_c_drains_then_exits "without `tracker.close()`"
//! Right in every way but one: it waits on the tracker without closing it first, and
//! `wait()` returns only once the tracker is closed and empty.
//! grader: replaces items

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    tracker.spawn(job);
                }
                None => break,
            },
        }
    }
    tracker.wait().await;
}

pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        on_ctrl_c.cancel();
    });
    run_worker(shutdown, jobs).await;
}
