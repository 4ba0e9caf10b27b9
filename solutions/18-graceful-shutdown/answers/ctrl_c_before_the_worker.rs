//! grader: expect fail ctrl_c_drains_then_exits "Does `serve` wait for something (say, `ctrl_c().await`) before it runs the worker?"
//! grader: expect fail serve_returns_when_the_queue_closes "It never started a job either"
//! `serve` written top to bottom, the way a script reads: first wait for Ctrl-C, then
//! cancel the token and run the worker. Nothing takes a job until Ctrl-C has come.
//! grader: replaces items

/// The program: runs the worker on `jobs` until Ctrl-C.
pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let _ = tokio::signal::ctrl_c().await;
    shutdown.cancel();
    run_worker(shutdown, jobs).await;
}
