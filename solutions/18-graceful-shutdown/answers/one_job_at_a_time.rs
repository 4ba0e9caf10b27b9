//! grader: expect fail shutdown_lets_jobs_in_flight_finish "runs one job at a time"
//! grader: expect fail finishes_when_the_queue_closes "runs one job at a time"
//! grader: expect fail stops_at_once_when_idle "runs one job at a time"
//! Watches the token and the queue, but awaits each job inside the loop instead of
//! spawning it: the next job waits until the one before is done.
//! grader: replaces items

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        job.await;
    }
}
