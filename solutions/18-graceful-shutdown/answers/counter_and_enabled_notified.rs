//! grader: expect pass
//! Another correct answer: an `AtomicUsize` of jobs in flight and a `Notify`. The last
//! job stores the new count, then calls `notify_waiters()`; the worker creates its
//! `notified()`, `enable()`s it, and only then reads the count, so no wake-up is lost.
//! grader: replaces items

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Notify;

/// Takes jobs as they arrive, each as a task of its own, until the shutdown or the end
/// of the queue; then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let all_done = Arc::new(Notify::new());
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    in_flight.fetch_add(1, Ordering::SeqCst);
                    let in_flight = Arc::clone(&in_flight);
                    let all_done = Arc::clone(&all_done);
                    tokio::spawn(async move {
                        job.await;
                        if in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
                            all_done.notify_waiters();
                        }
                    });
                }
                None => break,
            },
        }
    }
    loop {
        // Registered first: a notify_waiters() from here on reaches this future.
        let all_done = all_done.notified();
        tokio::pin!(all_done);
        all_done.as_mut().enable();
        if in_flight.load(Ordering::SeqCst) == 0 {
            break;
        }
        all_done.await;
    }
}
