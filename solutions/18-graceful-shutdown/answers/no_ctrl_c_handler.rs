//! grader: expect fail ctrl_c_drains_then_exits "killed by that SIGINT on the spot"
//! A right worker, but nothing listens for Ctrl-C: the token is never cancelled, and
//! SIGINT kills the process the default way.
//! grader: replaces items

pub async fn serve(jobs: mpsc::Receiver<Job>) {
    run_worker(CancellationToken::new(), jobs).await;
}
