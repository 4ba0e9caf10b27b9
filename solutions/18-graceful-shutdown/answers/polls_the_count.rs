//! grader: expect fail shutdown_lets_jobs_in_flight_finish "it returned only at 4.010s: something waited longer than it had to"
//! grader: expect fail finishes_when_the_queue_closes "it returned only at 4.010s: something waited longer than it had to"
//! grader: expect fail serve_returns_when_the_queue_closes "that is waiting by polling"
//! Counts the jobs in flight with an `Arc` each job holds a clone of, and waits for them
//! by looking at `Arc::strong_count` every 10 ms: right on a paused clock whose times are
//! multiples of 10 ms, but it wakes up a hundred times a second for nothing.
//! grader: replaces items

use std::sync::Arc;

/// Takes jobs as they arrive and runs each as a task of its own, until the shutdown or
/// the end of the queue, then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let in_flight = Arc::new(());
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        let mine = Arc::clone(&in_flight);
        tokio::spawn(async move {
            job.await;
            drop(mine);
        });
    }
    while Arc::strong_count(&in_flight) > 1 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}
