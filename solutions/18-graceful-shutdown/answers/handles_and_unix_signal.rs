//! grader: expect pass
//! Another correct answer: the jobs' `JoinHandle`s kept in a `Vec` (finished ones
//! dropped as it goes) and joined with `futures::future::join_all`; an unbiased
//! `select!` with `if` guards; and SIGINT through `tokio::signal::unix::signal`,
//! registered before the worker starts, with a `DropGuard` that cancels the token.
//! grader: replaces items

use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinHandle;

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let mut running: Vec<JoinHandle<()>> = Vec::new();
    let mut open = true;
    while open && !shutdown.is_cancelled() {
        tokio::select! {
            () = shutdown.cancelled() => {}
            job = jobs.recv() => match job {
                Some(job) if !shutdown.is_cancelled() => {
                    running.retain(|handle| !handle.is_finished());
                    running.push(tokio::spawn(job));
                }
                Some(_) => {}
                None => open = false,
            },
        }
    }
    for outcome in futures::future::join_all(running).await {
        if let Err(error) = outcome {
            eprintln!("a job failed: {error}");
        }
    }
}

pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let mut interrupts = signal(SignalKind::interrupt()).expect("can't listen for SIGINT");
    // Cancels the token when dropped: when Ctrl-C comes, or if this task ends.
    let guard = shutdown.clone().drop_guard();
    tokio::spawn(async move {
        interrupts.recv().await;
        drop(guard);
    });
    run_worker(shutdown, jobs).await;
}
