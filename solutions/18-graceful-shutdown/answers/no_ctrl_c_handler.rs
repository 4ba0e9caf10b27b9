//! grader: expect fail ctrl_c_drains_then_exits "killed by that SIGINT on the spot"
//! A right worker, but nothing listens for Ctrl-C: the token is never cancelled, and
//! SIGINT kills the process the default way.

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
    run_worker(CancellationToken::new(), jobs).await;
}
