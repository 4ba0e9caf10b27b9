//! A simulated chat session: the server's side of one connected user.
//!
//! The session shows each message on the user's screen with [`deliver`], and every
//! second or so sends the client a [`keep_alive`] ping, so that a quiet connection is
//! not taken for a dead one. Both are plain synchronous calls that take no time; they
//! record a note in the trace (`session • delivers "hello"`, `keep-alive • ping`) and
//! remember when they were made, so a check can read them back with [`deliveries`] and
//! [`keep_alives`].
//!
//! A session that goes wrong can ping thousands of times at one instant (say, a fresh
//! `tokio::time::interval` made each time round a loop: its first tick is immediate).
//! To keep the trace readable, only the first [`TRACED_PER_INSTANT`] pings of an
//! instant go into it; [`keep_alives`] still counts every one.

use std::cell::RefCell;

use tokio::time::Instant;

use crate::trace::note;

/// How many pings of one instant go into the trace: 3. The rest are only counted.
///
/// ```
/// use workbook::sim::mailbox::{self, TRACED_PER_INSTANT};
///
/// let run = workbook::run(async {
///     for _ in 0..100 {
///         mailbox::keep_alive();
///     }
///     mailbox::keep_alives().len()
/// });
/// assert_eq!(run.value, 100);
/// assert_eq!(run.trace.of("keep-alive").count(), TRACED_PER_INSTANT);
/// ```
pub const TRACED_PER_INSTANT: usize = 3;

/// One message shown to the user: what, and when.
///
/// ```
/// use workbook::sim::mailbox;
///
/// let run = workbook::run(async {
///     mailbox::deliver("hello");
///     mailbox::deliveries()
/// });
/// assert_eq!(run.value[0].message, "hello");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// When [`deliver`] was called, in tokio time.
    pub at: Instant,
    /// The message, exactly as it was passed.
    pub message: String,
}

#[derive(Debug, Default)]
struct Log {
    deliveries: Vec<Delivery>,
    keep_alives: Vec<Instant>,
    /// How many of the pings were sent at the instant of the last one.
    at_last_instant: usize,
}

thread_local! {
    static LOG: RefCell<Log> = RefCell::new(Log::default());
}

/// Forgets this module's per-run settings: nothing delivered, no ping sent.
pub(crate) fn reset() {
    LOG.with(|log| *log.borrow_mut() = Log::default());
}

/// Shows `message` on the user's screen, now. Records `session • delivers "…"` in the
/// trace (the message is quoted the way Rust's `{:?}` quotes it, so a stray `\n` or a
/// half-read line shows).
///
/// ```
/// use workbook::sim::mailbox;
///
/// let run = workbook::run(async { mailbox::deliver("see you at 5") });
/// assert!(run.trace.find("session", r#"delivers "see you at 5""#).is_some());
/// ```
pub fn deliver(message: &str) {
    note("session", &format!("delivers {message:?}"));
    LOG.with(|log| log.borrow_mut().deliveries.push(Delivery { at: Instant::now(), message: message.to_string() }));
}

/// Sends the client a keep-alive ping, now. Records `keep-alive • ping` in the trace
/// (at most [`TRACED_PER_INSTANT`] times per instant).
///
/// ```
/// use workbook::sim::mailbox;
///
/// let run = workbook::run(async {
///     tokio::time::sleep(workbook::secs(1)).await;
///     mailbox::keep_alive();
/// });
/// assert_eq!(run.trace.find("keep-alive", "ping").unwrap().at, workbook::secs(1));
/// ```
pub fn keep_alive() {
    let now = Instant::now();
    let same_instant = LOG.with(|log| {
        let mut log = log.borrow_mut();
        log.at_last_instant = if log.keep_alives.last() == Some(&now) { log.at_last_instant + 1 } else { 1 };
        log.keep_alives.push(now);
        log.at_last_instant
    });
    if same_instant <= TRACED_PER_INSTANT {
        note("keep-alive", "ping");
    }
}

/// Every message delivered so far in this run, in order.
///
/// ```
/// use workbook::sim::mailbox;
///
/// let run = workbook::run(async {
///     mailbox::deliver("one");
///     mailbox::deliver("two");
///     mailbox::deliveries().into_iter().map(|d| d.message).collect::<Vec<_>>()
/// });
/// assert_eq!(run.value, ["one", "two"]);
/// ```
pub fn deliveries() -> Vec<Delivery> {
    LOG.with(|log| log.borrow().deliveries.clone())
}

/// When each keep-alive ping of this run was sent, in order.
///
/// ```
/// use workbook::{secs, sim::mailbox};
///
/// let run = workbook::run(async {
///     let start = tokio::time::Instant::now();
///     for _ in 0..2 {
///         tokio::time::sleep(secs(1)).await;
///         mailbox::keep_alive();
///     }
///     mailbox::keep_alives().iter().map(|at| *at - start).collect::<Vec<_>>()
/// });
/// assert_eq!(run.value, [secs(1), secs(2)]);
/// ```
pub fn keep_alives() -> Vec<Instant> {
    LOG.with(|log| log.borrow().keep_alives.clone())
}
