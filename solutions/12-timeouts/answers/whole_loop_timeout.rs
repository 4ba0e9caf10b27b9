//! grader: expect fail stuck_attempt_is_cut_off_and_retried "a timeout around the whole retry loop: when it fired"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "a timeout around the whole retry loop: when it fired"
//! One timeout around the whole retry loop (4 s, ATTEMPT_LIMIT per attempt), and none around each attempt.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let attempts = async {
        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            match flaky::call(service).await {
                Ok(reply) => return Ok(reply),
                Err(error) if attempt == MAX_ATTEMPTS => {
                    return Err(GaveUp { attempts: attempt, last: CallError::Failed(error) });
                }
                Err(_) => {}
            }
            sleep(backoff).await;
            backoff *= 2;
            attempt += 1;
        }
    };
    match timeout(ATTEMPT_LIMIT * MAX_ATTEMPTS, attempts).await {
        Ok(outcome) => outcome,
        Err(_elapsed) => Err(GaveUp { attempts: 1, last: CallError::TimedOut }),
    }
}
