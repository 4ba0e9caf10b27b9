//! grader: expect fail deadline_is_the_limit_given "returned TimedOut at 2.000s"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "was cut off after 2 s: each attempt may take ATTEMPT_LIMIT (1 s)"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "was cut off after 2 s: each attempt may take ATTEMPT_LIMIT (1 s)"
//! Times out after the 2 s of the task's example instead of the `limit` it is given.
//! grader: replaces items

/// Calls `service`, but waits at most `limit` for it. A call still running then is
/// cancelled, and the answer is `CallError::TimedOut`.
pub async fn with_deadline(service: &str, limit: Duration) -> Result<Reply, CallError> {
    let _ = limit;
    match timeout(Duration::from_secs(2), flaky::call(service)).await {
        Ok(Ok(reply)) => Ok(reply),
        Ok(Err(error)) => Err(CallError::Failed(error)),
        Err(_elapsed) => Err(CallError::TimedOut),
    }
}
