//! grader: expect fail shutdown_lets_jobs_in_flight_finish "while job 2 was still running"
//! grader: expect fail finishes_when_the_queue_closes "while job 2 was still running"
//! Keeps the handle of the job spawned last and awaits it at the end, as if the jobs
//! finished in the order they started.
//! grader: replaces items

/// Takes jobs from `jobs` as they arrive and runs each as a task of its own, so a long
/// job never holds up the next one.
///
/// Stops taking jobs as soon as `shutdown` is cancelled, or when the queue is closed
/// (every sender is gone). Either way, it then waits for the jobs in flight to finish,
/// and returns. A job that arrives after the shutdown is never started.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let mut last = None;
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        // The newest job finishes last.
        last = Some(tokio::spawn(job));
    }
    if let Some(last) = last {
        let _ = last.await;
    }
}
