//! grader: expect fail ctrl_c_drains_then_exits "`serve` returned while"
//! A right worker, but `serve` races Ctrl-C against it with `select!`: when Ctrl-C wins,
//! the worker's future is dropped, nobody waits for its jobs, and `serve` returns.
//! grader: replaces items

pub async fn serve(jobs: mpsc::Receiver<Job>) {
    let shutdown = CancellationToken::new();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => shutdown.cancel(),
        () = run_worker(shutdown.clone(), jobs) => {}
    }
}
