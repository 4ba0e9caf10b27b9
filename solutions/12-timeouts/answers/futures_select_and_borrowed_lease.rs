//! grader: expect pass
//! Another correct answer: `with_deadline` races the call against a pinned sleep with `futures::future::select`, the retries pause before every attempt but the first, and the lease borrows the service's name and is dropped by hand after the call.
//! grader: replaces items

use futures::future::{Either, select};

/// Calls `service`, but waits at most `limit` for it. A call still running then is
/// cancelled, and the answer is `CallError::TimedOut`.
pub async fn with_deadline(service: &str, limit: Duration) -> Result<Reply, CallError> {
    let call = std::pin::pin!(flaky::call(service));
    let alarm = std::pin::pin!(sleep(limit));
    match select(call, alarm).await {
        Either::Left((result, _alarm)) => result.map_err(CallError::Failed),
        Either::Right(((), _call)) => Err(CallError::TimedOut),
    }
}

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut last = CallError::TimedOut;
    for attempt in 0..MAX_ATTEMPTS {
        if attempt > 0 {
            sleep(FIRST_BACKOFF * 2u32.pow(attempt - 1)).await;
        }
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(error) => last = error,
        }
    }
    Err(GaveUp { attempts: MAX_ATTEMPTS, last })
}

/// A connection borrowed from the pool, given back when dropped.
struct Borrowed<'a>(&'a str);

impl Drop for Borrowed<'_> {
    fn drop(&mut self) {
        flaky::return_connection(self.0);
    }
}

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    flaky::take_connection(service);
    let lease = Borrowed(service);
    let reply = flaky::call(service).await;
    drop(lease);
    reply
}
