//! grader: expect pass
//! Another correct answer: each job holds an owned read guard of one `tokio::sync::RwLock`;
//! after the loop the worker asks for the write lock, which it gets once every read guard
//! is gone, that is, once every job in flight is done.
//! grader: replaces items

use std::sync::Arc;
use tokio::sync::RwLock;

/// Takes jobs as they arrive and runs each as a task of its own, until the shutdown or
/// the end of the queue, then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let in_flight = Arc::new(RwLock::new(()));
    loop {
        let job = tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => job,
                None => break,
            },
        };
        // Taken here, before the task starts: the job counts from the moment it is taken.
        let running = Arc::clone(&in_flight).read_owned().await;
        tokio::spawn(async move {
            job.await;
            drop(running);
        });
    }
    let _all_done = in_flight.write().await;
}
