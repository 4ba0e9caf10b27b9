//! grader: expect fail mistake_2_pauses_do_not_block "avoided the costly way"
//! Sends `std::thread::sleep` to the blocking pool: the runtime stays free, but every
//! pause costs a thread, and the wait happens outside tokio's clock.
//! grader: replaces items

/// A thread per pause, just to sleep.
pub async fn pause_for_rate_limit() {
    tokio::task::spawn_blocking(|| std::thread::sleep(RATE_LIMIT_PAUSE)).await.expect("the pause panicked");
}
