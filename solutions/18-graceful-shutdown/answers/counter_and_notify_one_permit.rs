//! grader: expect pass
//! Another correct answer: a `Mutex<usize>` of jobs in flight; the last job takes
//! itself off the count, then calls `notify_one()`, which keeps a permit when nobody
//! waits yet, so the worker's `while count > 0 { notified().await }` can't miss it.
//! grader: replaces items

use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Takes jobs as they arrive, each as a task of its own, until the shutdown or the end
/// of the queue; then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let count = Arc::new(Mutex::new(0usize));
    let idle = Arc::new(Notify::new());
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => {
                let Some(job) = job else { break };
                *count.lock().unwrap() += 1;
                let (count, idle) = (Arc::clone(&count), Arc::clone(&idle));
                tokio::spawn(async move {
                    job.await;
                    let left = {
                        let mut count = count.lock().unwrap();
                        *count -= 1;
                        *count
                    };
                    if left == 0 {
                        idle.notify_one();
                    }
                });
            }
        }
    }
    while *count.lock().unwrap() > 0 {
        idle.notified().await;
    }
}
