//! grader: expect fail shutdown_lets_jobs_in_flight_finish "runs one job at a time"
//! grader: expect fail finishes_when_the_queue_closes "runs one job at a time"
//! grader: expect fail stops_at_once_when_idle "runs one job at a time"
//! Watches the token and the queue, but awaits each job inside the loop instead of
//! spawning it: the next job waits until the one before is done.
//! grader: replaces items

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => job.await,
                None => break,
            },
        }
    }
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
