//! grader: expect fail shutdown_lets_jobs_in_flight_finish "cancelled on the spot"
//! grader: expect fail ctrl_c_drains_then_exits "cancelled halfway"
//! Keeps the jobs in a `JoinSet` and, when the token fires, calls `shutdown()` on it:
//! every job in flight is aborted, the way asyncio cancels its tasks on Ctrl-C.
//! grader: replaces items

use tokio::task::JoinSet;

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let mut running = JoinSet::new();
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => {
                // Stop everything, now.
                running.shutdown().await;
                return;
            }
            job = jobs.recv() => match job {
                Some(job) => {
                    running.spawn(job);
                }
                None => break,
            },
        }
    }
    while running.join_next().await.is_some() {}
}
