//! grader: expect pass
//! Another correct answer: a `for` over the attempt numbers, the pause computed from the number (`FIRST_BACKOFF * 2^(n-2)`), and `timeout_at` with a deadline per attempt.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut last = CallError::TimedOut;
    for attempt in 1..=MAX_ATTEMPTS {
        if attempt > 1 {
            sleep(FIRST_BACKOFF * 2u32.pow(attempt - 2)).await;
        }
        let deadline = tokio::time::Instant::now() + ATTEMPT_LIMIT;
        match tokio::time::timeout_at(deadline, flaky::call(service)).await {
            Ok(Ok(reply)) => return Ok(reply),
            Ok(Err(error)) => last = CallError::Failed(error),
            Err(_) => last = CallError::TimedOut,
        }
    }
    Err(GaveUp { attempts: MAX_ATTEMPTS, last })
}
