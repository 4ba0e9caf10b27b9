//! grader: expect fail retries_after_failures_with_backoff "gave up after attempt 1"
//! grader: expect fail gives_up_after_four_attempts "gave up after attempt 1"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "gave up after attempt 1"
//! Retries a call that timed out, but gives up at the first error the service answers with, as if only a timeout were worth another try.
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
            Err(CallError::Failed(error)) => return Err(GaveUp { attempts: attempt, last: CallError::Failed(error) }),
            Err(last) if attempt == MAX_ATTEMPTS => return Err(GaveUp { attempts: attempt, last }),
            Err(_) => {}
        }
        sleep(backoff).await;
        backoff *= 2;
        attempt += 1;
    }
}
