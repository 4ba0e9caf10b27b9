//! grader: expect fail serve_returns_when_the_queue_closes "like Python's `asyncio.gather`"
//! `serve` as Python's `await asyncio.gather(wait_for_ctrl_c(), worker())`: `join!` of the
//! Ctrl-C listener and the worker. On Ctrl-C it drains and returns, but when the queue
//! closes first, the worker is done and `serve` still waits for a Ctrl-C.
//! grader: replaces items

/// The program: runs the worker on `jobs` until Ctrl-C.
pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    let on_ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
        shutdown.cancel();
    };
    tokio::join!(on_ctrl_c, run_worker(shutdown.clone(), jobs));
}
