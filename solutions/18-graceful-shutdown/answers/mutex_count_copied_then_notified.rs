//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in a `Mutex<usize>`; each job that finishes takes one off
//! and calls `notify_waiters()`. The worker loops: copies the count out of the lock
//! (`let left = *running.lock().unwrap();`), returns if it is 0, then creates
//! `notified()` and awaits it. The `let` binds a copy, not the guard: the lock is let go
//! at the end of that statement, before `notified()` exists. Read as text, that line
//! looked like a guard held until the wait.
//! grader: based on mutex_count_checked_then_notified

/// Returns once no job is in flight.
async fn wait_for_jobs(running: &Mutex<usize>, finished: &Notify) {
    loop {
        let left = *running.lock().unwrap();
        if left == 0 {
            return;
        }
        finished.notified().await;
    }
}
