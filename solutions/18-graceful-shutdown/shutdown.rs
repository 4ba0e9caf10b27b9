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
use tokio_util::task::TaskTracker;

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
    let tracker = TaskTracker::new();
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        tracker.spawn(job);
    }
    // No new tasks from here on; `wait` returns once the tracker is closed *and* empty.
    tracker.close();
    tracker.wait().await;
}

/// The next job to start, as soon as it arrives; `None` once `shutdown` is cancelled, or
/// once the queue is closed (no job will ever come again).
async fn next_job(shutdown: &CancellationToken, jobs: &mut mpsc::Receiver<Job>) -> Option<Job> {
    tokio::select! {
        // Look at the token first: once it is cancelled, no job starts, even one that
        // is waiting in the queue at the same moment.
        biased;
        () = shutdown.cancelled() => None,
        job = jobs.recv() => job,
    }
}

/// The program: runs the worker on `jobs` until Ctrl-C, then lets the jobs in flight
/// finish and returns, so that `main` can exit cleanly.
pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        // Listening for Ctrl-C replaces the default (kill the process) with this.
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    run_worker(shutdown, jobs).await;
}
