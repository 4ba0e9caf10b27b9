//! grader: expect fail shutdown_lets_jobs_in_flight_finish "before it takes the job off the count"
//! grader: expect fail ctrl_c_drains_then_exits "before it takes the job off the count"
//! Each spawned job holds a guard whose `Drop` wakes the worker and then takes the job off
//! an `AtomicUsize`; the worker checks the count once and waits on `notified()` if it is
//! not zero yet.
//! grader: based on counter_and_enabled_notified

/// Runs `job` with a guard that counts it out when it is dropped, at the end.
async fn run_and_count_out(job: Job, in_flight: Arc<AtomicUsize>, all_done: Arc<Notify>) {
    let _guard = InFlight { count: in_flight, done: all_done };
    job.await;
}

/// Counts a job out when it is dropped.
struct InFlight {
    count: Arc<AtomicUsize>,
    done: Arc<Notify>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.done.notify_waiters();
        self.count.fetch_sub(1, Ordering::SeqCst);
    }
}
