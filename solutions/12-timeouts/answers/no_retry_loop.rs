//! grader: expect fail retries_after_failures_with_backoff "It never retried"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "An attempt that was cut off has failed like any other"
//! grader: expect fail gives_up_after_four_attempts "It never retried"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "It never retried"
//! A right `with_deadline`, but `with_retries` makes one attempt and gives up at its first failure.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    with_deadline(service, ATTEMPT_LIMIT).await.map_err(|last| GaveUp { attempts: 1, last })
}
