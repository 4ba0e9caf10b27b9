//! grader: expect fail ctrl_c_drains_then_exits "`serve` returned while"
//! A right worker, but `serve` races Ctrl-C against it with `select!`: when Ctrl-C wins,
//! the worker's future is dropped, nobody waits for its jobs, and `serve` returns.

use std::future::Future;
use std::pin::Pin;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub type Job = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let tracker = TaskTracker::new();
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    tracker.spawn(job);
                }
                None => break,
            },
        }
    }
    tracker.close();
    tracker.wait().await;
}

pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => shutdown.cancel(),
        () = run_worker(shutdown.clone(), jobs) => {}
    }
}
