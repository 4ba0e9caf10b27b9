//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in a `Mutex<usize>`; each job that finishes takes one off
//! and calls `notify_waiters()`. The worker loops: copies the count out of the lock
//! (`let left = *running.lock().unwrap();`), returns if it is 0, then creates
//! `notified()` and awaits it. The `let` binds a copy, not the guard: the lock is let go
//! at the end of that statement, before `notified()` exists. Read as text, that line
//! looked like a guard held until the wait.
//! grader: replaces items

use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Takes jobs as they arrive, each as a task of its own, until the shutdown or the end
/// of the queue; then waits for the jobs in flight.
pub async fn run_worker(shutdown: CancellationToken, mut jobs: mpsc::Receiver<Job>) {
    let running = Arc::new(Mutex::new(0usize));
    let finished = Arc::new(Notify::new());
    loop {
        let job = tokio::select! {
            biased;
            () = shutdown.cancelled() => None,
            job = jobs.recv() => job,
        };
        let Some(job) = job else { break };
        *running.lock().unwrap() += 1;
        let running = Arc::clone(&running);
        let finished = Arc::clone(&finished);
        tokio::spawn(async move {
            job.await;
            *running.lock().unwrap() -= 1;
            finished.notify_waiters();
        });
    }
    loop {
        let left = *running.lock().unwrap();
        if left == 0 {
            return;
        }
        finished.notified().await;
    }
}
