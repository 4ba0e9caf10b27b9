//! grader: expect fail shutdown_lets_jobs_in_flight_finish "lost wake-up"
//! grader: expect fail ctrl_c_drains_then_exits "lost wake-up"
//! Counts the jobs in flight in an `AtomicUsize`; the job that brings it to zero calls
//! `notify_waiters()`. The worker looks once: `if in_flight.load(..) > 0 {
//! all_done.notified().await }`.
//! grader: based on counter_and_enabled_notified

/// Waits for the jobs in flight, if there are any.
async fn wait_for_jobs(in_flight: &AtomicUsize, all_done: &Notify) {
    if in_flight.load(Ordering::SeqCst) > 0 {
        all_done.notified().await;
    }
}
