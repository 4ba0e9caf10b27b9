//! grader: expect fail shutdown_lets_jobs_in_flight_finish "before it takes the job off the count"
//! grader: expect fail ctrl_c_drains_then_exits "before it takes the job off the count"
//! Counts the jobs in flight in a `Mutex<usize>`; a finished job calls `notify_one()`
//! and only then takes itself off the count, while the worker waits with
//! `while *count.lock().unwrap() > 0 { done.notified().await }`.
//! grader: based on counter_and_notify_one_permit

/// Runs `job`, wakes the worker, then takes the job off the count.
async fn run_and_count_out(job: Job, count: Arc<Mutex<usize>>, done: Arc<Notify>) {
    job.await;
    done.notify_one();
    *count.lock().unwrap() -= 1;
}
