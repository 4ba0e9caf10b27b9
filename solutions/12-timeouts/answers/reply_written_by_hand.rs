//! grader: expect compile-error "cannot create non-exhaustive struct"
//! Returns a `Reply` written by hand, copying the fields, instead of the one the service gave back.
//! grader: replaces items

/// Calls `service`, but waits at most `limit` for it. A call still running then is
/// cancelled, and the answer is `CallError::TimedOut`.
pub async fn with_deadline(service: &str, limit: Duration) -> Result<Reply, CallError> {
    match timeout(limit, flaky::call(service)).await {
        // Build the caller's reply from what we know: the service and which call it was.
        Ok(Ok(reply)) => Ok(Reply { service: service.to_string(), attempt: reply.attempt }),
        Ok(Err(error)) => Err(CallError::Failed(error)),
        Err(_elapsed) => Err(CallError::TimedOut),
    }
}
