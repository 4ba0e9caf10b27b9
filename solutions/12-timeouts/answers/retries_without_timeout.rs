//! grader: expect fail stuck_attempt_is_cut_off_and_retried "never answered, and nothing else cut it"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "never answered, and nothing else cut it"
//! Retries with backoff, but calls the service directly: an attempt that hangs is never cut off.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        match flaky::call(service).await.map_err(CallError::Failed) {
            Ok(reply) => return Ok(reply),
            Err(last) if attempt == MAX_ATTEMPTS => return Err(GaveUp { attempts: attempt, last }),
            Err(_) => {}
        }
        sleep(backoff).await;
        backoff *= 2;
        attempt += 1;
    }
}
