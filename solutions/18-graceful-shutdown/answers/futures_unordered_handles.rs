//! grader: expect pass
//! Another correct answer: the jobs' `JoinHandle`s in a `FuturesUnordered`, reaped in the
//! same `select!` as the token and the queue (a branch switched off with `if` while
//! nothing runs), and drained after the loop; `serve` listens for Ctrl-C in a task it
//! aborts once the worker has drained.
//! grader: replaces items

use futures::StreamExt;
use futures::stream::FuturesUnordered;

/// Takes jobs as they arrive and runs each as a task of its own, until the shutdown or
/// the end of the queue, then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let mut running = FuturesUnordered::new();
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => running.push(tokio::spawn(job)),
                None => break,
            },
            Some(_finished) = running.next(), if !running.is_empty() => {}
        }
    }
    while running.next().await.is_some() {}
}

/// The program: runs the worker on `jobs` until Ctrl-C, then lets the jobs in flight
/// finish and returns.
pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let on_ctrl_c = tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                shutdown.cancel();
            }
        }
    });
    run_worker(shutdown, jobs).await;
    on_ctrl_c.abort();
}
