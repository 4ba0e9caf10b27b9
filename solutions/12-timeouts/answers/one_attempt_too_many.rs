//! grader: expect fail gives_up_after_four_attempts "`0..=MAX_ATTEMPTS` runs 5"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "`0..=MAX_ATTEMPTS` runs 5"
//! Counts the retries instead of the attempts: `0..=MAX_ATTEMPTS` makes five calls.

use std::time::Duration;

use tokio::time::{sleep, timeout};
use workbook::sim::flaky::{self, Reply, ServiceError};

/// How many times [`with_retries`] calls the service at most: 4.
pub const MAX_ATTEMPTS: u32 = 4;

/// How long one attempt of [`with_retries`] may take before it is cut off: 1 s.
pub const ATTEMPT_LIMIT: Duration = Duration::from_secs(1);

/// The pause before the second attempt: 100 ms. Each later pause is twice the one
/// before it: 200 ms before the third attempt, 400 ms before the fourth.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(100);

/// Why a call brought no reply.
#[derive(Debug, PartialEq, Eq)]
pub enum CallError {
    /// The service did not answer within the limit, and the call was cancelled.
    TimedOut,
    /// The service answered with an error.
    Failed(ServiceError),
}

/// What [`with_retries`] reports when every attempt failed.
#[derive(Debug, PartialEq, Eq)]
pub struct GaveUp {
    /// How many attempts were made.
    pub attempts: u32,
    /// Why the last one failed.
    pub last: CallError,
}

/// Calls `service`, but waits at most `limit` for it. A call still running then is
/// cancelled, and the answer is `CallError::TimedOut`.
pub async fn with_deadline(service: &str, limit: Duration) -> Result<Reply, CallError> {
    match timeout(limit, flaky::call(service)).await {
        Ok(Ok(reply)) => Ok(reply),
        Ok(Err(error)) => Err(CallError::Failed(error)),
        Err(_elapsed) => Err(CallError::TimedOut),
    }
}

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut backoff = FIRST_BACKOFF;
    let mut last = CallError::TimedOut;
    for attempt in 0..=MAX_ATTEMPTS {
        if attempt > 0 {
            sleep(backoff).await;
            backoff *= 2;
        }
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(error) => last = error,
        }
    }
    Err(GaveUp { attempts: MAX_ATTEMPTS + 1, last })
}

/// A connection borrowed from the pool. Dropping it gives it back, whatever the reason
/// for the drop: the end of the block, an early `return` or `?`, a panic, or the
/// cancellation of the future that holds it.
#[derive(Debug)]
struct Lease {
    service: String,
}

impl Lease {
    fn take(service: &str) -> Lease {
        flaky::take_connection(service);
        Lease { service: service.to_string() }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        flaky::return_connection(&self.service);
    }
}

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    let _lease = Lease::take(service);
    flaky::call(service).await
}
