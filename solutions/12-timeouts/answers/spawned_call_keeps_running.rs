//! grader: expect fail slow_call_is_cut_off_at_the_limit "kept running after that"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "never ended"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "never ended"
//! grader: expect fail deadline_is_the_limit_given "but the call was not dropped (cancelled) at 1.337s"
//! Spawns the call and times out its JoinHandle: the wait ends in time, but the call goes on.
//! grader: replaces items

/// Calls `service`, but waits at most `limit` for it. A call still running then is
/// cancelled, and the answer is `CallError::TimedOut`.
pub async fn with_deadline(service: &str, limit: Duration) -> Result<Reply, CallError> {
    let service = service.to_string();
    let call = tokio::spawn(async move { flaky::call(&service).await });
    match timeout(limit, call).await {
        Ok(Ok(Ok(reply))) => Ok(reply),
        Ok(Ok(Err(error))) => Err(CallError::Failed(error)),
        Ok(Err(join_error)) => panic!("the call panicked: {join_error}"),
        Err(_elapsed) => Err(CallError::TimedOut),
    }
}
