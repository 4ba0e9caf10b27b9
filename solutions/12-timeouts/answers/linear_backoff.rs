//! grader: expect fail gives_up_after_four_attempts "they should be 100 ms, 200 ms, 400 ms"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "they should be 100 ms, 200 ms, 400 ms"
//! Grows the pause by 100 ms each time (100, 200, 300 ms) instead of doubling it.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(last) if attempt == MAX_ATTEMPTS => return Err(GaveUp { attempts: attempt, last }),
            Err(_) => {}
        }
        sleep(backoff).await;
        backoff += FIRST_BACKOFF;
        attempt += 1;
    }
}
