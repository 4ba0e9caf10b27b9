//! grader: expect fail retries_after_failures_with_backoff "sleep_until` an instant counted from the attempt's start"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "There was no pause between attempts"
//! grader: expect fail gives_up_after_four_attempts "the attempts did not go out when they should"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "the attempts did not go out when they should"
//! Schedules each attempt a backoff after the start of the one before, with `sleep_until`, instead of pausing after the failed attempt has ended.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        let started = tokio::time::Instant::now();
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(last) if attempt == MAX_ATTEMPTS => return Err(GaveUp { attempts: attempt, last }),
            Err(_) => {}
        }
        tokio::time::sleep_until(started + backoff).await;
        backoff *= 2;
        attempt += 1;
    }
}
