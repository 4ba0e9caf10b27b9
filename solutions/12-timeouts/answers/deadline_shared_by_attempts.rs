//! grader: expect fail stuck_attempt_is_cut_off_and_retried "Attempt 2 was cut off after 0 ms"
//! grader: expect fail gives_up_after_four_attempts "Attempt 4 was cut off after 0 ms"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "Attempt 2 was cut off after 700 ms"
//! Computes one deadline, a second after the first attempt, and times every attempt out at that same instant with `timeout_at`: the later attempts get what is left of the first one's second.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let deadline = tokio::time::Instant::now() + ATTEMPT_LIMIT;
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        let last = match tokio::time::timeout_at(deadline, flaky::call(service)).await {
            Ok(Ok(reply)) => return Ok(reply),
            Ok(Err(error)) => CallError::Failed(error),
            Err(_) => CallError::TimedOut,
        };
        if attempt == MAX_ATTEMPTS {
            return Err(GaveUp { attempts: attempt, last });
        }
        sleep(backoff).await;
        backoff *= 2;
        attempt += 1;
    }
}
