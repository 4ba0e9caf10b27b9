//! grader: expect fail retries_after_failures_with_backoff "The runtime was blocked"
//! grader: expect fail gives_up_after_four_attempts "The runtime was blocked"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "The runtime was blocked"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "The runtime was blocked"
//! Pauses between attempts with `std::thread::sleep`: the runtime's thread is held, and no timer can fire.
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
        std::thread::sleep(backoff);
        backoff *= 2;
        attempt += 1;
    }
}
