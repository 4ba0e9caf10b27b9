//! grader: expect fail shutdown_lets_jobs_in_flight_finish "were still running"
//! grader: expect fail finishes_when_the_queue_closes "were still running"
//! grader: expect fail ctrl_c_drains_then_exits "`serve` returned while"
//! Watches the token and the queue together, but spawns the jobs with `tokio::spawn`
//! and returns without waiting for them: the jobs in flight are left to die with `main`.
//! grader: replaces items

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        tokio::spawn(job);
    }
}
