//! grader: expect fail mistake_2_pauses_do_not_block "Mistake 2: a pause that holds the runtime's thread"
//! Mistake 2 only: waits with `std::thread::sleep`, holding the runtime's thread.
//! grader: replaces items

/// Python's `time.sleep(1)` in an `async def`.
pub async fn pause_for_rate_limit() {
    std::thread::sleep(RATE_LIMIT_PAUSE);
}
