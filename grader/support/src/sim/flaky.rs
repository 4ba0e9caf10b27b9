//! A simulated flaky service, and the connection pool its clients borrow from.
//!
//! [`call`] asks a remote service for an answer. What each call does is scripted per
//! run with [`set_script`]: the first call of a service plays the script's first
//! [`Outcome`], the second call the second one, and so on; once the script runs out,
//! its last outcome repeats. A service with no script answers every call after
//! [`DEFAULT_LATENCY`] (200 ms). Each call is traced as a span of actor
//! `call <service>`, labelled with its number in this run (`attempt 1`, `attempt 2`…),
//! so a call cut off by a timeout shows `dropped (cancelled)` at the exact instant.
//!
//! [`take_connection`] and [`return_connection`] are the pool: plain synchronous
//! calls, traced as notes of actor `pool`. A client takes a connection before a call
//! and must give it back afterwards, however the call ended, even if the future making
//! the call was dropped halfway.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use crate::trace::{Span, note};

/// How long a call takes when its service has no script: 200 ms, and it answers.
pub const DEFAULT_LATENCY: Duration = Duration::from_millis(200);

/// What one call of a scripted service does.
///
/// ```
/// use workbook::millis;
/// use workbook::sim::flaky::Outcome;
///
/// // Fails twice (after 200 ms each time), then answers every call after 200 ms.
/// let script = [Outcome::Fail(millis(200)), Outcome::Fail(millis(200)), Outcome::Answer(millis(200))];
/// assert_eq!(script.len(), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Answers after this long.
    Answer(Duration),
    /// Fails with `503 Service Unavailable` after this long.
    Fail(Duration),
    /// Never answers: the call waits until it is dropped.
    Hang,
}

#[derive(Debug, Default)]
struct Service {
    script: Vec<Outcome>,
    calls: u32,
}

#[derive(Debug, Default)]
struct State {
    services: HashMap<String, Service>,
    /// How many connections each service holds right now.
    lent: HashMap<String, u32>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Forgets this module's per-run settings: no scripts, no calls made, no connection lent.
pub(crate) fn reset() {
    STATE.with(|s| *s.borrow_mut() = State::default());
}

/// Scripts `service` for the rest of this run: its n-th call plays the n-th outcome,
/// and once the script runs out, the last outcome repeats. An empty script means the
/// default: answer after [`DEFAULT_LATENCY`].
///
/// ```
/// use workbook::{millis, run};
/// use workbook::sim::flaky::{self, Outcome};
///
/// let run = run(async {
///     flaky::set_script("rates", [Outcome::Fail(millis(200)), Outcome::Answer(millis(300))]);
///     let first = flaky::call("rates").await;
///     let second = flaky::call("rates").await;
///     let third = flaky::call("rates").await;
///     (first.is_err(), second.is_ok(), third.is_ok())
/// });
/// assert_eq!(run.value, (true, true, true));
/// run.assert_elapsed(millis(800));
/// ```
pub fn set_script(service: &str, script: impl IntoIterator<Item = Outcome>) {
    let script: Vec<Outcome> = script.into_iter().collect();
    STATE.with(|s| s.borrow_mut().services.entry(service.to_string()).or_default().script = script);
}

/// An answer from a service. Only [`call`] makes replies: the struct is
/// `#[non_exhaustive]`, so code outside the service can read a reply's fields but
/// can't write a `Reply { .. }` of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reply {
    /// The service that answered.
    pub service: String,
    /// Which call of this run it answered: 1 for the first call of this service.
    pub attempt: u32,
}

/// A failed call: the service answered `503 Service Unavailable`.
///
/// ```
/// use workbook::sim::flaky::ServiceError;
///
/// let error = ServiceError { service: "rates".to_string(), attempt: 2 };
/// assert_eq!(error.to_string(), "rates failed attempt 2: 503 Service Unavailable");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    /// The service that failed.
    pub service: String,
    /// Which call of this run failed: 1 for the first call of this service.
    pub attempt: u32,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed attempt {}: 503 Service Unavailable", self.service, self.attempt)
    }
}

impl std::error::Error for ServiceError {}

/// Calls `service`: plays the next outcome of its script (see [`set_script`]), waiting
/// in tokio time, and returns the reply or the error. Without a script it answers
/// after [`DEFAULT_LATENCY`]. Traced as actor `call <service>`: `attempt <n>`, then
/// `answered` or `failed: 503 Service Unavailable`, or `dropped (cancelled)` if the
/// future is dropped first. A call scripted to [`Outcome::Hang`] never ends by itself.
///
/// ```
/// use workbook::{millis, run, secs};
/// use workbook::sim::flaky::{self, Outcome};
///
/// let answered = run(flaky::call("rates"));
/// answered.assert_elapsed(millis(200));
/// assert_eq!(answered.value.unwrap().attempt, 1);
///
/// let cut_off = run(async {
///     flaky::set_script("rates", [Outcome::Hang]);
///     tokio::time::timeout(secs(1), flaky::call("rates")).await
/// });
/// assert!(cut_off.value.is_err()); // timed out
/// cut_off.assert_elapsed(secs(1));
/// assert_eq!(cut_off.trace.find("call rates", "dropped").unwrap().at, secs(1));
/// ```
pub async fn call(service: &str) -> Result<Reply, ServiceError> {
    let (attempt, outcome) = STATE.with(|s| {
        let mut state = s.borrow_mut();
        let settings = state.services.entry(service.to_string()).or_default();
        settings.calls += 1;
        let index = (settings.calls as usize - 1).min(settings.script.len().saturating_sub(1));
        (settings.calls, settings.script.get(index).copied().unwrap_or(Outcome::Answer(DEFAULT_LATENCY)))
    });
    let span = Span::begin(format!("call {service}"), &format!("attempt {attempt}"));
    match outcome {
        Outcome::Answer(latency) => {
            tokio::time::sleep(latency).await;
            span.end("answered");
            Ok(Reply { service: service.to_string(), attempt })
        }
        Outcome::Fail(latency) => {
            tokio::time::sleep(latency).await;
            span.end("failed: 503 Service Unavailable");
            Err(ServiceError { service: service.to_string(), attempt })
        }
        Outcome::Hang => {
            std::future::pending::<()>().await;
            unreachable!("a pending future never completes")
        }
    }
}

/// Takes a connection from the pool for a call to `service`. A plain call, no waiting.
/// Traced as a note of actor `pool`: `lends a connection to <service>`. Give it back
/// with [`return_connection`], exactly once, however the call ends.
///
/// ```
/// use workbook::sim::flaky;
///
/// let run = workbook::run(async {
///     flaky::take_connection("rates");
///     let out = flaky::connections_out("rates");
///     flaky::return_connection("rates");
///     (out, flaky::connections_out("rates"))
/// });
/// assert_eq!(run.value, (1, 0));
/// assert!(run.trace.find("pool", "lends a connection to rates").is_some());
/// ```
pub fn take_connection(service: &str) {
    STATE.with(|s| *s.borrow_mut().lent.entry(service.to_string()).or_default() += 1);
    note("pool", &format!("lends a connection to {service}"));
}

/// Gives back a connection that [`take_connection`] lent for `service`. A plain call,
/// no waiting: call it from a `Drop` impl if you like. Traced as a note of actor
/// `pool`: `gets the connection back from <service>`, or, when `service` holds no
/// connection, `gets back a connection it never lent to <service>`.
///
/// ```
/// use workbook::sim::flaky;
///
/// let run = workbook::run(async {
///     flaky::take_connection("rates");
///     flaky::return_connection("rates");
///     flaky::return_connection("rates"); // once too often
/// });
/// assert!(run.trace.find("pool", "gets the connection back from rates").is_some());
/// assert!(run.trace.find("pool", "never lent to rates").is_some());
/// ```
pub fn return_connection(service: &str) {
    let was_lent = STATE.with(|s| {
        let mut state = s.borrow_mut();
        match state.lent.get_mut(service) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    });
    if was_lent {
        note("pool", &format!("gets the connection back from {service}"));
    } else {
        note("pool", &format!("gets back a connection it never lent to {service}"));
    }
}

/// How many connections `service` holds right now: taken and not yet given back.
///
/// ```
/// use workbook::sim::flaky;
///
/// let run = workbook::run(async {
///     flaky::take_connection("rates");
///     flaky::connections_out("rates")
/// });
/// assert_eq!(run.value, 1);
/// ```
pub fn connections_out(service: &str) -> u32 {
    STATE.with(|s| s.borrow().lent.get(service).copied().unwrap_or(0))
}
