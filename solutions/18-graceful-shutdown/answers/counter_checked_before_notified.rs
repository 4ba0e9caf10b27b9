//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in an `AtomicUsize`; the last job to finish calls
//! `notify_waiters()`, and the worker waits with `while in_flight.load(..) > 0 {
//! all_done.notified().await }`: the count is looked at before `notified()` exists.
//! grader: based on counter_and_enabled_notified

/// Returns once no job is in flight.
async fn wait_for_jobs(in_flight: &AtomicUsize, all_done: &Notify) {
    while in_flight.load(Ordering::SeqCst) > 0 {
        all_done.notified().await;
    }
}
