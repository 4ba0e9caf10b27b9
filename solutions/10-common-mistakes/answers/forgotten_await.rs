//! grader: expect compile-error "must be used"
//! Makes the timer's future and drops it without `.await`: it never waits. The exercise
//! crates deny `unused_must_use`, so this doesn't compile.
//! grader: replaces items

/// The sleep future is created and dropped on the spot.
pub async fn pause_for_rate_limit() {
    tokio::time::sleep(RATE_LIMIT_PAUSE);
}
