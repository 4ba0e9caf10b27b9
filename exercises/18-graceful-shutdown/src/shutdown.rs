//! # 18 · graceful shutdown: on Ctrl-C, finish what you started, then exit
//!
//! In Python, Ctrl-C raises `KeyboardInterrupt`, and `asyncio.run` cancels every task
//! still running (`CancelledError` at its `await`), whatever it was in the middle of.
//! Tokio gives you the parts to do better, and you put them together:
//!
//! - `tokio::signal::ctrl_c().await` waits for Ctrl-C like any other event. Once
//!   something listens for it, Ctrl-C no longer kills the process.
//! - A `tokio_util::sync::CancellationToken` says "stop" to whoever holds a clone:
//!   `token.cancel()` on one side, `token.cancelled().await` on the other.
//! - A `tokio_util::task::TaskTracker` spawns tasks and waits for them:
//!   `tracker.spawn(job)`, and at the end `tracker.close(); tracker.wait().await`.
//!
//! A graceful shutdown stops taking new jobs, lets the jobs in flight finish, and
//! only then returns.
//!
//! Run `grader check 18` to see how your code ran. The chapter is
//! `docs/src/18-graceful-shutdown.md`.

use std::future::Future;
use std::pin::Pin;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// One job from the queue: the work to do, as a future that hasn't started yet.
/// Awaiting it (or spawning it) runs the job, which can take a while.
pub type Job = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Takes jobs from `jobs` as they arrive and runs each as a task of its own, so a long
/// job never holds up the next one.
///
/// Stops taking jobs as soon as `shutdown` is cancelled, or when the queue is closed
/// (every sender is gone). Either way, it then waits for the jobs in flight to finish,
/// and returns. A job that arrives after the shutdown is never started.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    while let Some(job) = jobs.recv().await {
        // TODO: the token is only looked at when a job arrives. While the worker waits
        //       for the next job, a shutdown goes unnoticed until a job comes, maybe
        //       never. The worker must stop waiting the moment either one happens.
        if shutdown.is_cancelled() {
            break;
        }
        tokio::spawn(job);
    }
    // TODO: the jobs started above may still be running here, and nobody waits for
    //       them: returning now cuts them off. Return only once every job in flight
    //       has finished.
}

/// The program: runs the worker on `jobs` until Ctrl-C, then lets the jobs in flight
/// finish and returns, so that `main` can exit cleanly.
pub async fn serve(jobs: mpsc::Receiver<Job>) {
    // TODO: nobody listens for Ctrl-C here, so it kills the process on the spot,
    //       mid-job. A Ctrl-C must become the shutdown the worker watches for, while
    //       the worker goes on.
    let shutdown = CancellationToken::new();
    run_worker(shutdown, jobs).await;
}
