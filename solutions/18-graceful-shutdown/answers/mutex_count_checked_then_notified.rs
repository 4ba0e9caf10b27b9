//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in a `Mutex<usize>`; each job that finishes takes one off
//! and calls `notify_waiters()`. The worker loops: lock, return if the count is 0,
//! unlock, then create `notified()` and await it.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

/// One job from the queue: the work to do, as a future that hasn't started yet.
pub type Job = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Takes jobs as they arrive, each as a task of its own, until the shutdown or the end
/// of the queue; then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let running = Arc::new(Mutex::new(0usize));
    let finished = Arc::new(Notify::new());
    loop {
        let job = tokio::select! {
            biased;
            () = shutdown.cancelled() => None,
            job = jobs.recv() => job,
        };
        let Some(job) = job else { break };
        *running.lock().unwrap() += 1;
        let running = Arc::clone(&running);
        let finished = Arc::clone(&finished);
        tokio::spawn(async move {
            job.await;
            *running.lock().unwrap() -= 1;
            finished.notify_waiters();
        });
    }
    loop {
        if *running.lock().unwrap() == 0 {
            return;
        }
        finished.notified().await;
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
