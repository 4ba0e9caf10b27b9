//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "was cut off after 2 s"
//! Doubles the attempt limit along with the pause, to give a slow service more time: each retry may take longer than ATTEMPT_LIMIT.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut backoff = FIRST_BACKOFF;
    let mut limit = ATTEMPT_LIMIT;
    let mut attempt = 1;
    loop {
        match with_deadline(service, limit).await {
            Ok(reply) => return Ok(reply),
            Err(last) if attempt == MAX_ATTEMPTS => return Err(GaveUp { attempts: attempt, last }),
            Err(_) => {}
        }
        sleep(backoff).await;
        backoff *= 2;
        limit *= 2;
        attempt += 1;
    }
}
