//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "never answered, and nothing else cut it"
//! Only the first attempt gets a deadline; the retries call the service directly, so a retry that hangs hangs the loop.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut result = with_deadline(service, ATTEMPT_LIMIT).await;
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        match result {
            Ok(reply) => return Ok(reply),
            Err(last) if attempt == MAX_ATTEMPTS => return Err(GaveUp { attempts: attempt, last }),
            Err(_) => {}
        }
        sleep(backoff).await;
        backoff *= 2;
        attempt += 1;
        result = flaky::call(service).await.map_err(CallError::Failed);
    }
}
