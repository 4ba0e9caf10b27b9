//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in a `Mutex<usize>`; each job that finishes takes one off
//! and calls `notify_waiters()`. The worker loops: lock, return if the count is 0,
//! unlock, then create `notified()` and await it.
//! grader: based on counter_and_notify_one_permit

/// Runs `job`, then takes it off the count and wakes whoever waits.
async fn run_and_count_out(job: Job, running: Arc<Mutex<usize>>, finished: Arc<Notify>) {
    job.await;
    *running.lock().unwrap() -= 1;
    finished.notify_waiters();
}

/// Returns once no job is in flight.
async fn wait_for_jobs(running: &Mutex<usize>, finished: &Notify) {
    loop {
        if *running.lock().unwrap() == 0 {
            return;
        }
        finished.notified().await;
    }
}
