//! grader: expect fail ctrl_c_drains_then_exits "`std::process::exit` in the Ctrl-C handler"
//! A right worker, but the Ctrl-C handler ends the process with `std::process::exit(0)`:
//! a clean exit status, and the jobs in flight lost.
//! grader: replaces items

pub async fn serve(jobs: mpsc::Receiver<Job>) {
    tokio::spawn(async {
        let _ = tokio::signal::ctrl_c().await;
        std::process::exit(0);
    });
    run_worker(CancellationToken::new(), jobs).await;
}
