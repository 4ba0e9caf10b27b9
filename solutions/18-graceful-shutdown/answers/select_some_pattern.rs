//! grader: expect fail finishes_when_the_queue_closes "is switched off once `recv()` gives `None`"
//! Writes the job branch as `Some(job) = jobs.recv()`: when the queue is closed, select!
//! switches that branch off and waits on the token alone, which nobody cancels.
//! grader: replaces items

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            Some(job) = jobs.recv() => {
                tracker.spawn(job);
            }
        }
    }
    tracker.close();
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
