//! A simulated race start: runners line up and wait for the start, and a starter fires
//! the gun.
//!
//! [`line_up`] is one runner. It waits on the future you give it (say, a start signal's
//! `wait()`), and records when it ran off. [`fire_gun`] is the starter's shot: it records
//! the shot, and from then on `line_up` knows the gun has fired. Together they show
//! whether a start signal behaves like Python's `asyncio.Event`: every runner waiting at
//! the shot leaves at that instant, a runner who lines up later leaves at once, and
//! nobody leaves before the shot.
//!
//! A runner waits at most [`PATIENCE`] (10 s), so a start that never comes shows up in
//! the trace as `gave up` instead of hanging the run. A runner also counts how often it
//! was woken before the gun: a wait that checks a flag on a timer, or spins with
//! `yield_now`, wakes up again and again, while a real event wakes its waiters once.

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use tokio::time::Instant;

use crate::trace::{Span, note};

/// How long a runner waits for the start before giving up: 10 s.
///
/// ```
/// use workbook::sim::race::{self, Outcome};
///
/// // A start that never comes: the runner gives up after 10 s instead of hanging.
/// let run = workbook::run(race::line_up("Ada", std::future::pending()));
/// assert_eq!(run.value.outcome, Outcome::GaveUp);
/// run.assert_elapsed(race::PATIENCE);
/// ```
pub const PATIENCE: Duration = Duration::from_secs(10);

/// How many times a runner lets its start be polled before it stops waiting: 1000. A
/// real wait is polled once when the runner lines up and once when it is woken; only a
/// busy loop, or a flag checked on a very short timer, gets anywhere near this.
///
/// ```
/// use workbook::sim::race::{self, Outcome};
///
/// // A start that yields forever: the clock can't move, so the runner stops it.
/// let run = workbook::run(race::line_up("Ada", async {
///     loop {
///         tokio::task::yield_now().await;
///     }
/// }));
/// assert_eq!(run.value.outcome, Outcome::Restless);
/// assert_eq!(run.value.wakeups_before_gun, race::RESTLESS_LIMIT - 1);
/// ```
pub const RESTLESS_LIMIT: u32 = 1000;

thread_local! {
    /// When the gun first fired in this run.
    static GUN: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Forgets this module's per-run settings: the gun has not fired yet.
pub(crate) fn reset() {
    GUN.with(|gun| gun.set(None));
}

/// The starter fires the gun: records `starter • fires the gun` (or `fires the gun
/// again`) in the trace, and tells the runners of this run that the race has started.
/// Call it right before you set the start signal.
///
/// ```
/// use workbook::sim::race;
///
/// let run = workbook::run(async { race::fire_gun() });
/// assert!(run.trace.find("starter", "fires the gun").is_some());
/// ```
pub fn fire_gun() {
    let first = GUN.with(|gun| gun.get().is_none());
    if first {
        GUN.with(|gun| gun.set(Some(Instant::now())));
        note("starter", "fires the gun");
    } else {
        note("starter", "fires the gun again");
    }
}

/// How a runner's wait at the start line ended.
///
/// ```
/// use workbook::sim::race::{self, Outcome};
///
/// let run = workbook::run(race::line_up("Ada", async {}));
/// assert_eq!(run.value.outcome, Outcome::Off); // a start that is ready at once
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The start future completed: the runner ran off.
    Off,
    /// The start future was still pending after [`PATIENCE`]: the runner gave up.
    GaveUp,
    /// The start future was polled [`RESTLESS_LIMIT`] times without completing: the
    /// runner stopped waiting on a busy loop.
    Restless,
}

/// What happened to one runner at the start line.
///
/// ```
/// use workbook::sim::race;
/// use workbook::{millis, secs};
///
/// // A start that looks at its watch every second, three times: woken at 1 s and 2 s
/// // for nothing, before the gun fires at 2.5 s.
/// let run = workbook::run(async {
///     let runner = tokio::spawn(race::line_up("Ben", async {
///         for _ in 0..3 {
///             tokio::time::sleep(secs(1)).await;
///         }
///     }));
///     tokio::time::sleep(millis(2500)).await;
///     race::fire_gun();
///     runner.await.unwrap()
/// });
/// assert_eq!(run.value.ended - run.value.lined_up, secs(3));
/// assert_eq!(run.value.wakeups_before_gun, 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leg {
    /// When the runner lined up and started waiting.
    pub lined_up: Instant,
    /// How the wait ended.
    pub outcome: Outcome,
    /// When it ended: when the runner ran off, gave up, or stopped.
    pub ended: Instant,
    /// How many times the runner was woken (its start future polled again) before the
    /// gun fired, while nothing had happened. Zero for a real event.
    pub wakeups_before_gun: u32,
}

/// One runner: lines up, waits for `start`, and runs off when it completes. Traced as
/// actor `runner <name>`: `▶ lines up`, then `■ off`, `■ gave up: no start after 10 s`
/// or `■ stopped: woken 1000 times, never started`. Dropped while waiting, it records
/// `✗ dropped (cancelled)`.
///
/// It counts its wake-ups, so run each runner as its own task (`tokio::spawn`): inside
/// a `join!`, the other futures' wake-ups would count too.
///
/// ```
/// use std::sync::Arc;
/// use tokio::sync::Notify;
/// use workbook::sim::race::{self, Outcome};
/// use workbook::secs;
///
/// let run = workbook::run(async {
///     let gun = Arc::new(Notify::new());
///     let waiting = gun.clone();
///     let runner = tokio::spawn(async move { race::line_up("Ada", waiting.notified()).await });
///     tokio::time::sleep(secs(2)).await;
///     race::fire_gun();
///     gun.notify_waiters();
///     runner.await.unwrap()
/// });
/// assert_eq!(run.value.outcome, Outcome::Off);
/// assert_eq!(run.value.ended - run.value.lined_up, secs(2));
/// assert_eq!(run.value.wakeups_before_gun, 0);
/// ```
pub async fn line_up(name: &str, start: impl Future<Output = ()>) -> Leg {
    let lined_up = Instant::now();
    let give_up_at = lined_up + PATIENCE;
    let span = Span::begin(format!("runner {name}"), "lines up");
    let mut start = pin!(start);
    let mut patience = pin!(tokio::time::sleep_until(give_up_at));
    let mut polls = 0;
    let mut wakeups_before_gun = 0;
    let outcome = std::future::poll_fn(|cx| {
        let gun_fired = GUN.with(|gun| gun.get().is_some());
        if polls > 0 && !gun_fired && Instant::now() < give_up_at {
            wakeups_before_gun += 1;
        }
        polls += 1;
        if start.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Outcome::Off);
        }
        if polls >= RESTLESS_LIMIT {
            return Poll::Ready(Outcome::Restless);
        }
        match patience.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Outcome::GaveUp),
            Poll::Pending => Poll::Pending,
        }
    })
    .await;
    span.end(&match outcome {
        Outcome::Off => "off".to_string(),
        Outcome::GaveUp => format!("gave up: no start after {} s", PATIENCE.as_secs()),
        Outcome::Restless => format!("stopped: woken {RESTLESS_LIMIT} times, never started"),
    });
    Leg { lined_up, outcome, ended: Instant::now(), wakeups_before_gun }
}
