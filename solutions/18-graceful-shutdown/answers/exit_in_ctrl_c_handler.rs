//! grader: expect fail ctrl_c_drains_then_exits "`std::process::exit` in the Ctrl-C handler"
//! A right worker, but the Ctrl-C handler ends the process with `std::process::exit(0)`:
//! a clean exit status, and the jobs in flight lost.

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
    tokio::spawn(async {
        let _ = tokio::signal::ctrl_c().await;
        std::process::exit(0);
    });
    run_worker(CancellationToken::new(), jobs).await;
}
