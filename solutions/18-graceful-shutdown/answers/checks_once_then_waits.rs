//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in an `AtomicUsize`; the job that brings it to zero calls
//! `notify_waiters()`. The worker looks once: `if in_flight.load(..) > 0 {
//! all_done.notified().await }`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

/// One job from the queue: the work to do, as a future that hasn't started yet.
pub type Job = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

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

/// The program: runs the worker on `jobs` until Ctrl-C, then lets the jobs in flight
/// finish and returns.
pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    run_worker(shutdown, jobs).await;
}
