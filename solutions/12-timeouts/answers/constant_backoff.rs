//! grader: expect fail retries_after_failures_with_backoff "always the same"
//! grader: expect fail gives_up_after_four_attempts "always the same"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "always the same"
//! Pauses 100 ms between every two attempts: backoff, but not exponential.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(last) if attempt == MAX_ATTEMPTS => return Err(GaveUp { attempts: attempt, last }),
            Err(_) => {}
        }
        sleep(backoff).await;
        attempt += 1;
    }
}
