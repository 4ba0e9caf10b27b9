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
    while let Some(job) = next_job(&shutdown, &mut jobs).await {
        in_flight.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(run_and_count_out(job, Arc::clone(&in_flight), Arc::clone(&all_done)));
    }
    wait_for_jobs(&in_flight, &all_done).await;
}

/// Runs `job`, then takes it off the count; the last one wakes the worker.
async fn run_and_count_out(job: Job, in_flight: Arc<AtomicUsize>, all_done: Arc<Notify>) {
    job.await;
    if in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
        all_done.notify_waiters();
    }
}

/// Returns once no job is in flight.
async fn wait_for_jobs(in_flight: &AtomicUsize, all_done: &Notify) {
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
