//! grader: expect fail shutdown_lets_jobs_in_flight_finish "before it takes the job off the count"
//! grader: expect fail ctrl_c_drains_then_exits "before it takes the job off the count"
//! Waits the right way (`notified()` created and enabled before the count is read),
//! but each finished job calls `notify_waiters()` first and takes itself off the
//! count after: a waiter woken in between still reads the old count.
//! grader: based on counter_and_enabled_notified

/// Runs `job`, wakes the worker, then takes the job off the count.
async fn run_and_count_out(job: Job, in_flight: Arc<AtomicUsize>, changed: Arc<Notify>) {
    job.await;
    changed.notify_waiters();
    in_flight.fetch_sub(1, Ordering::SeqCst);
}
