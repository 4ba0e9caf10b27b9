//! grader: expect pass
//! Another correct answer: `run_until_cancelled` takes the next job unless the token
//! fires first, the jobs run in a `JoinSet` (finished ones reaped as it goes, drained at
//! the end), and `serve` races Ctrl-C against the pinned worker, then cancels the token
//! and goes on awaiting the same worker until it has drained.
//! grader: replaces items

use tokio::task::JoinSet;

pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let mut running = JoinSet::new();
    // `None` from run_until_cancelled: the token fired; `Some(None)`: the queue closed.
    while let Some(Some(job)) = shutdown.run_until_cancelled(jobs.recv()).await {
        running.spawn(job);
        // A JoinSet keeps each finished task's result until it is joined: reap them.
        while running.try_join_next().is_some() {}
    }
    while running.join_next().await.is_some() {}
}

pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let worker = run_worker(shutdown.clone(), jobs);
    tokio::pin!(worker);
    tokio::select! {
        () = &mut worker => return,
        _ = tokio::signal::ctrl_c() => shutdown.cancel(),
    }
    // Not dropped: the same worker, now draining.
    worker.await;
}
