//! # 12 · timeouts: give up in time, retry with backoff, clean up when cancelled
//!
//! Python's `await asyncio.wait_for(call(), 2)` (or `async with asyncio.timeout(2):`)
//! stops waiting after 2 s and cancels the call. In Rust, cancelling a future means
//! dropping it: it is never polled again, and no line after the `.await` it was
//! stopped at ever runs.
//!
//! Three jobs here: give up on a call in time; retry a failing call, with a pause
//! between attempts that doubles each time; and clean up however a call ends, even
//! when the caller drops it halfway, as Python's `finally` would. The chapter shows
//! tokio's tools for each, and `grader hint 12` names them when you are stuck.
//!
//! `workbook::sim::flaky::call("rates")` asks the exchange-rates service for today's
//! rates. It answers after 200 ms, unless a check makes it slow, makes it fail a few
//! times, or makes it hang.
//!
//! Run `grader check 12` to see how your code ran, and `grader hint 12` when stuck.
//! The chapter is `docs/src/12-timeouts.md`.

use std::time::Duration;

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
    // TODO: nothing stops this call when `limit` has passed: a slow service keeps us
    //       waiting as long as it likes. Give up at `limit` exactly, and cancel the call
    //       then; an answer that comes in time (a reply or the service's error) comes
    //       back at once, as it is.
    let _ = limit;
    flaky::call(service).await.map_err(CallError::Failed)
}

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    // TODO: one attempt only. Try again while attempts fail, up to MAX_ATTEMPTS in all,
    //       pausing between two attempts (100 ms, then 200 ms, then 400 ms) without
    //       holding the thread. Stop at the first reply; after the last failure, say
    //       how many attempts were made and why the last one failed.
    with_deadline(service, ATTEMPT_LIMIT).await.map_err(|last| GaveUp { attempts: 1, last })
}

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    flaky::take_connection(service);
    let reply = flaky::call(service).await;
    // TODO: if the caller gives up on us (say, its timeout fires) while we wait above,
    //       this future is dropped at that `.await`, and this line never runs: the
    //       connection is lost to the pool. Code after an `.await` is no `finally`: the
    //       connection must go back however this function ends, answered, failed or
    //       dropped halfway, and exactly once.
    flaky::return_connection(service);
    reply
}
