//! Simulated services. Each waits in tokio time, never by blocking (except
//! [`legacy`], whose whole point is to block), and records what it does in the
//! current run's trace.
//!
//! Their latencies are fixed and documented, so checks can predict exact virtual
//! times. Some can be set per run, from inside the run (see [`web::set_latency`]).

pub mod cafe;
pub mod chat;
pub mod db;
pub mod deploy;
#[cfg(unix)]
pub mod disk;
pub mod flaky;
pub mod jobs;
pub mod legacy;
pub mod linter;
pub mod mailbox;
pub mod orders;
pub mod pager;
pub mod race;
pub mod source;
pub mod station;
pub mod tasks;
pub mod tickets;
pub mod web;

use std::time::Duration;

use crate::trace::Span;

/// The shape every simulated call shares: open a span, wait in tokio time, close it.
/// If the future is dropped while waiting, the span records `dropped (cancelled)`.
async fn wait(actor: String, begin: &str, latency: Duration, end: &str) {
    let span = Span::begin(actor, begin);
    tokio::time::sleep(latency).await;
    span.end(end);
}

/// Forgets every per-run setting, so each run starts from the documented defaults.
pub(crate) fn reset() {
    web::reset();
    chat::reset();
    db::reset();
    deploy::reset();
    tickets::reset();
    race::reset();
    linter::reset();
    tasks::reset();
    flaky::reset();
    orders::reset();
    jobs::reset();
    pager::reset();
    mailbox::reset();
}
