//! grader: expect fail shutdown_lets_jobs_in_flight_finish "before it takes the job off the count"
//! grader: expect fail ctrl_c_drains_then_exits "before it takes the job off the count"
//! Counts the jobs in flight in a `Mutex<usize>`; a finished job calls `notify_one()`
//! and only then takes itself off the count, while the worker waits with
//! `while *count.lock().unwrap() > 0 { done.notified().await }`.

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
