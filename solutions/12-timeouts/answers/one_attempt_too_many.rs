//! grader: expect fail gives_up_after_four_attempts "`0..=MAX_ATTEMPTS` runs 5"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "`0..=MAX_ATTEMPTS` runs 5"
//! Counts the retries instead of the attempts: `0..=MAX_ATTEMPTS` makes five calls.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut backoff = FIRST_BACKOFF;
    let mut last = CallError::TimedOut;
    for attempt in 0..=MAX_ATTEMPTS {
        if attempt > 0 {
            sleep(backoff).await;
            backoff *= 2;
        }
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(error) => last = error,
        }
    }
    Err(GaveUp { attempts: MAX_ATTEMPTS + 1, last })
}
