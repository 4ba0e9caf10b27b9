//! What every run watches for, whatever its check asserts: work left running after the
//! code under test returned, and waiting by polling on a timer.
//!
//! A run notes what it saw here; the harness fails the check with the first finding
//! once the check's own assertions have passed, so a check's more precise lesson
//! always comes first. The checks of an exercise whose lesson needs timers that fire
//! with nothing else happening can raise the limit with [`allow_timer_wakeups`].

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::time::Duration;

use crate::run::{AFTER_RETURN, Run};
use crate::time::{format_real, format_secs};
use crate::trace::{Event, Kind, Trace};
use crate::watchdog::Spin;

/// How many times a run may wake from idle at an instant when no simulated service did
/// anything, before it counts as polling. A correct answer wakes when something it
/// waits for happens: a service answers, a timeout ends a call, a backoff starts the
/// next attempt. Polling every 10 ms for one second wakes 100 times.
pub const POLL_LIMIT: usize = 20;

thread_local! {
    static FINDINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static WAKEUP_LIMIT: Cell<usize> = const { Cell::new(POLL_LIMIT) };
    static WORK_AFTER_RETURN: Cell<bool> = const { Cell::new(false) };
}

/// Lets the code under test leave work running after it returns, in the runs of the
/// current check: for a task whose point is to go on in the background (03's archive).
/// Calls begun after the return still count.
///
/// ```
/// workbook::allow_work_after_return();
/// let run = workbook::run(async {
///     tokio::spawn(async {
///         let span = workbook::trace::Span::begin("archive", "started");
///         tokio::time::sleep(workbook::secs(3)).await;
///         span.end("done");
///     });
///     tokio::task::yield_now().await;
/// });
/// assert_eq!(run.virtual_elapsed, workbook::secs(0));
/// ```
pub fn allow_work_after_return() {
    WORK_AFTER_RETURN.with(|w| w.set(true));
}

/// Lets the runs of the current check wake up to `limit` times with nothing happening,
/// for a check whose lesson is a timer of its own (a ticker, a heartbeat).
///
/// ```
/// workbook::allow_timer_wakeups(1000);
/// let run = workbook::run(async {
///     let mut ticks = tokio::time::interval(workbook::millis(10));
///     for _ in 0..50 {
///         ticks.tick().await;
///     }
/// });
/// // Ticks at 10 ms, 20 ms, … 490 ms; 320 ms is left out (see `idle_wakeups`).
/// assert_eq!(run.idle_wakeups().len(), 48);
/// ```
pub fn allow_timer_wakeups(limit: usize) {
    WAKEUP_LIMIT.with(|l| l.set(limit));
}

/// Forgets the findings and limits of the previous check.
pub(crate) fn reset() {
    FINDINGS.with(|f| f.borrow_mut().clear());
    WAKEUP_LIMIT.with(|l| l.set(POLL_LIMIT));
    WORK_AFTER_RETURN.with(|w| w.set(false));
}

/// The allowances in force when a run starts, as the check set them. The run judges by
/// these and puts them back when it ends, so code under test that calls
/// [`allow_timer_wakeups`] or [`allow_work_after_return`] loosens nothing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Allowances {
    wakeups: usize,
    work_after_return: bool,
}

impl Allowances {
    pub(crate) fn current() -> Allowances {
        Allowances { wakeups: WAKEUP_LIMIT.with(Cell::get), work_after_return: WORK_AFTER_RETURN.with(Cell::get) }
    }

    pub(crate) fn restore(self) {
        WAKEUP_LIMIT.with(|l| l.set(self.wakeups));
        WORK_AFTER_RETURN.with(|w| w.set(self.work_after_return));
    }
}

/// The first finding of the check's runs, if any.
pub(crate) fn first() -> Option<String> {
    FINDINGS.with(|f| f.borrow().first().cloned())
}

fn note(lesson: String) {
    FINDINGS.with(|f| f.borrow_mut().push(lesson));
}

/// Looks at a finished run: `leftovers` are the events recorded after the code under
/// test returned, `spin` what the watchdog saw if it spun after returning.
pub(crate) fn after_run<T>(run: &Run<T>, leftovers: &[Event], spin: Option<Spin>, allowances: Allowances) {
    // New calls after the return always count; calls in flight at the return that go
    // on to finish count unless the check allows background work.
    let allowed = allowances.work_after_return;
    let started: Vec<&Event> = leftovers
        .iter()
        .filter(|e| matches!(e.kind, Kind::Begin | Kind::Note) || !allowed && e.kind == Kind::End)
        .collect();
    if !started.is_empty() {
        note(leftover_lesson(run, &started, leftovers));
    } else if let Some(spin) = spin {
        note(format!(
            "The code under test returned at {}, but something it left running kept the runtime's thread \
             busy afterwards: {} of real time while virtual time stood still, so the run never became idle \
             again. A task that loops without a real wait (around `yield_now()`, `try_recv` or a flag) \
             outlived the call.\n\
             Stop what you start before returning: keep the JoinHandle and `abort()` it, or tell the task to \
             stop (a `CancellationToken`, a channel) and await it.",
            format_secs(run.virtual_elapsed),
            format_real(spin.busy),
        ));
    }
    let idle = run.idle_wakeups();
    let limit = allowances.wakeups;
    if idle.len() > limit {
        note(polling_lesson(run, &idle));
    }
}

impl<T> Run<T> {
    /// The virtual instants at which the runtime's thread woke from idle while no
    /// simulated service recorded anything at that instant: timers of the code under
    /// test that fired with nothing else happening. Instants that are whole multiples of
    /// 64 ms are left out: tokio's timer wheel wakes there by itself to sort far timers.
    ///
    /// ```
    /// let run = workbook::run(async {
    ///     for _ in 0..3 {
    ///         tokio::time::sleep(workbook::millis(10)).await;
    ///     }
    /// });
    /// assert_eq!(run.idle_wakeups(), [workbook::millis(10), workbook::millis(20), workbook::millis(30)]);
    /// ```
    pub fn idle_wakeups(&self) -> Vec<Duration> {
        let busy: BTreeSet<Duration> = self.trace.events().iter().map(|e| e.at).collect();
        let wakes = &self.wakeups;
        (0..wakes.len())
            .filter(|&i| !busy.contains(&wakes[i]) && !timer_wheel_step(wakes[i], wakes.get(i + 1).copied()))
            .map(|i| wakes[i])
            .collect()
    }
}

fn leftover_lesson<T>(run: &Run<T>, started: &[&Event], leftovers: &[Event]) -> String {
    let mut out = format!(
        "The code under test returned at {}, but work it started went on afterwards: after it returned, \
         the check kept the runtime going (up to {} more) and saw the simulated services still at work:\n",
        format_secs(run.virtual_elapsed),
        format_secs(AFTER_RETURN),
    );
    let shown = Trace::from(leftovers.iter().take(6).cloned().collect::<Vec<_>>());
    for line in shown.table().lines() {
        let _ = writeln!(out, "  {line}");
    }
    let actors: BTreeSet<&str> = started.iter().map(|e| e.actor.as_str()).collect();
    let names = actors.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
    let _ = write!(
        out,
        "So something it started was still running when it returned: {names}. \
         Possible causes: a spawned task that was never stopped (dropping a JoinHandle detaches the \
         task; it does not cancel it), or a loop in a task that has no way to hear that the work is \
         over.\n\
         Stop what you start before returning: `abort()` the task (or `JoinSet::shutdown().await`), or \
         tell it to stop (a `CancellationToken`, a `watch` or `oneshot` channel, dropping the channel's \
         sender) and await it."
    );
    out
}

fn polling_lesson<T>(run: &Run<T>, idle: &[Duration]) -> String {
    let shown: Vec<String> = idle.iter().take(4).map(|at| format_secs(*at)).collect();
    let last = idle.last().map(|at| format_secs(*at)).unwrap_or_default();
    let period = common_gap(idle).map(|gap| format!(" (mostly every {})", format_secs(gap))).unwrap_or_default();
    format!(
        "While it ran, the runtime's thread woke up {} times at instants when no simulated service did \
         anything: at {}, … {last}{period}. Each of those wake-ups is a timer of your code firing to look \
         whether something had changed: that is waiting by polling. It keeps the thread working while \
         nothing happens, and it notices a change only at its next look.\n\
         Possible causes: a loop with `sleep` (or `interval.tick()`) around a check of a flag, \
         `try_recv`, `try_lock` or `JoinHandle::is_finished()`.\n\
         Wait for the event itself instead: `.await` the JoinHandle, the channel's `recv()`, the \
         `Notify` or `watch` change, the lock.\n\n{}",
        idle.len(),
        shown.join(", "),
        run.timeline().lines().map(|l| format!("  {l}\n")).collect::<String>(),
    )
}

/// Whether the runtime may have woken at `at` only to move a far timer closer: tokio's
/// timer wheel keeps far timers in slots of 64 ms, 4.096 s, …, and with the paused
/// clock it wakes at a slot's start to sort its timers, with nothing due (measured: a
/// 1.337 s sleep wakes at 1.280 s too). Those instants are whole multiples of 64 ms,
/// and the wake that follows is the timer's own, at another instant. A wake at a
/// multiple of 64 ms followed by another one, or by none, is counted: that is a timer of
/// its own.
fn timer_wheel_step(at: Duration, next: Option<Duration>) -> bool {
    let step = |t: Duration| t.subsec_nanos().is_multiple_of(1_000_000) && t.as_millis().is_multiple_of(64);
    step(at) && next.is_some_and(|next| !step(next))
}

/// The most common gap between consecutive instants, if one is.
fn common_gap(instants: &[Duration]) -> Option<Duration> {
    let mut counts: std::collections::BTreeMap<Duration, usize> = std::collections::BTreeMap::new();
    for pair in instants.windows(2) {
        *counts.entry(pair[1] - pair[0]).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(gap, n)| (*n, std::cmp::Reverse(*gap))).map(|(gap, _)| gap)
}

#[cfg(test)]
mod tests {
    use crate::{millis, run};

    fn poll_every(period: u64, until: u64) -> usize {
        run(async move {
            let done = tokio::time::Instant::now() + millis(until);
            while tokio::time::Instant::now() < done {
                tokio::time::sleep(millis(period)).await;
            }
        })
        .idle_wakeups()
        .len()
    }

    #[test]
    fn polling_is_counted_whatever_its_period() {
        // 134 wake-ups; those at 0.320, 0.640, 0.960 and 1.280 s look like the wheel's.
        assert_eq!(poll_every(10, 1337), 130);
        // A period of 64 ms lands on the timer wheel's own steps, and still counts.
        assert_eq!(poll_every(64, 1337), 21);
    }

    #[test]
    fn one_far_timer_is_one_wake_up() {
        // The wheel also wakes at 1.280 s to sort the timer; that is not counted.
        assert_eq!(run(async { tokio::time::sleep(millis(1337)).await }).idle_wakeups(), [millis(1337)]);
    }

    #[test]
    fn code_under_test_cannot_loosen_its_own_judgement() {
        super::reset();
        let limit = super::Allowances::current().wakeups;
        run(async { crate::allow_timer_wakeups(usize::MAX) });
        assert_eq!(super::Allowances::current().wakeups, limit);
    }
}
