//! grader: expect fail shutdown_lets_jobs_in_flight_finish "before it takes the job off the count"
//! grader: expect fail ctrl_c_drains_then_exits "before it takes the job off the count"
//! Counts the jobs in flight in a `Mutex<usize>`; a finished job calls `notify_one()`
//! and only then takes itself off the count, while the worker waits with
//! `while *count.lock().unwrap() > 0 { done.notified().await }`.
//! grader: replaces items

use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Takes jobs as they arrive, each as a task of its own, until the shutdown or the end
/// of the queue; then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let count = Arc::new(Mutex::new(0usize));
    let done = Arc::new(Notify::new());
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => {
                let Some(job) = job else { break };
                *count.lock().unwrap() += 1;
                let (count, done) = (Arc::clone(&count), Arc::clone(&done));
                tokio::spawn(async move {
                    job.await;
                    done.notify_one();
                    *count.lock().unwrap() -= 1;
                });
            }
        }
    }
    while *count.lock().unwrap() > 0 {
        done.notified().await;
    }
}
