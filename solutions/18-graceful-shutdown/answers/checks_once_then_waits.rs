//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in an `AtomicUsize`; the job that brings it to zero calls
//! `notify_waiters()`. The worker looks once: `if in_flight.load(..) > 0 {
//! all_done.notified().await }`.
//! grader: replaces items

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Notify;

/// Takes jobs as they arrive, each as a task of its own, until the shutdown or the end
/// of the queue; then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let all_done = Arc::new(Notify::new());
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    in_flight.fetch_add(1, Ordering::SeqCst);
                    let in_flight = Arc::clone(&in_flight);
                    let all_done = Arc::clone(&all_done);
                    tokio::spawn(async move {
                        job.await;
                        if in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
                            all_done.notify_waiters();
                        }
                    });
                }
                None => break,
            },
        }
    }
    if in_flight.load(Ordering::SeqCst) > 0 {
        all_done.notified().await;
    }
}
