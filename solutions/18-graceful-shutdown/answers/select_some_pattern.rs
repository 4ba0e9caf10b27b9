//! grader: expect fail finishes_when_the_queue_closes "is switched off once `recv()` gives `None`"
//! Writes the job branch as `Some(job) = jobs.recv()`: when the queue is closed, select!
//! switches that branch off and waits on the token alone, which nobody cancels.
//! grader: replaces items

/// The next job to start, as soon as it arrives; `None` once `shutdown` is cancelled.
async fn next_job(shutdown: &CancellationToken, jobs: &mut mpsc::Receiver<Job>) -> Option<Job> {
    tokio::select! {
        () = shutdown.cancelled() => None,
        Some(job) = jobs.recv() => Some(job),
    }
}
