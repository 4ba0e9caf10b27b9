//! grader: expect fail mistake_2_pauses_do_not_block "a sleep future made but never awaited"
//! Silences the "unused future" warning with `let _ =` instead of awaiting the sleep: the future is made and dropped on the spot, and nothing waits.
//! grader: replaces items

/// A timer that is never awaited.
pub async fn pause_for_rate_limit() {
    let _ = tokio::time::sleep(RATE_LIMIT_PAUSE);
}
