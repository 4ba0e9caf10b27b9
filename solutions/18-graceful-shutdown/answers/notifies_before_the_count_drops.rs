//! grader: expect fail shutdown_lets_jobs_in_flight_finish "before it takes the job off the count"
//! grader: expect fail ctrl_c_drains_then_exits "before it takes the job off the count"
//! Waits the right way (`notified()` created and enabled before the count is read),
//! but each finished job calls `notify_waiters()` first and takes itself off the
//! count after: a waiter woken in between still reads the old count.
//! grader: replaces items

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Notify;

/// Takes jobs as they arrive, each as a task of its own, until the shutdown or the end
/// of the queue; then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let changed = Arc::new(Notify::new());
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            job = jobs.recv() => match job {
                Some(job) => {
                    in_flight.fetch_add(1, Ordering::SeqCst);
                    let in_flight = Arc::clone(&in_flight);
                    let changed = Arc::clone(&changed);
                    tokio::spawn(async move {
                        job.await;
                        changed.notify_waiters();
                        in_flight.fetch_sub(1, Ordering::SeqCst);
                    });
                }
                None => break,
            },
        }
    }
    loop {
        let woken = changed.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        if in_flight.load(Ordering::SeqCst) == 0 {
            break;
        }
        woken.await;
    }
}
