//! grader: expect pass
//! Another correct answer, the pattern of tokio's own shutdown guide: each job holds a
//! clone of an mpsc `Sender`; when every job is done, all clones are gone, and the
//! worker's `recv()` gives `None`.
//! grader: replaces items

/// Takes jobs from `jobs` as they arrive and runs each as a task of its own, so a long
/// job never holds up the next one.
///
/// Stops taking jobs as soon as `shutdown` is cancelled, or when the queue is closed
/// (every sender is gone). Either way, it then waits for the jobs in flight to finish,
/// and returns. A job that arrives after the shutdown is never started.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let (done, mut all_done) = mpsc::channel::<()>(1);
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        let done = done.clone();
        tokio::spawn(async move {
            job.await;
            drop(done);
        });
    }
    // Drop our own sender: then `recv()` gives `None` once the last job has dropped its clone.
    drop(done);
    let _ = all_done.recv().await;
}
