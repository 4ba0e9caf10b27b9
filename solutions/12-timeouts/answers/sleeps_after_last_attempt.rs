//! grader: expect fail gives_up_after_four_attempts "for nothing"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "for nothing"
//! Pauses after every failed attempt, the last one too, before giving up.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut backoff = FIRST_BACKOFF;
    let mut last = CallError::TimedOut;
    for _ in 0..MAX_ATTEMPTS {
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(error) => last = error,
        }
        sleep(backoff).await;
        backoff *= 2;
    }
    Err(GaveUp { attempts: MAX_ATTEMPTS, last })
}
