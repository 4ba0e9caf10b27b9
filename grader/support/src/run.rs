//! What a run is: the value, the times and the trace of a future that [`crate::run`]
//! ran, and the limits a run is held to. The assertions on a run live in
//! `assertions.rs`, the running in `runner.rs`; both stand on this module, so neither
//! imports the other's items in a circle.

use std::time::Duration;

use crate::trace::Trace;

/// How long a run may wait, in virtual time, before it counts as deadlocked. With the
/// clock paused the runtime jumps straight here when nothing else can happen, so a
/// deadlock fails in microseconds of real time.
pub const VIRTUAL_DEADLINE: Duration = Duration::from_secs(600);

/// Real time the runtime's thread may spend running (not parked) before the run counts
/// as having blocked it. A correct run of any check takes well under a millisecond,
/// even on a loaded machine. Time the thread spends parked, say while a
/// `spawn_blocking` job works on another thread, does not count.
pub const REAL_BUDGET: Duration = Duration::from_millis(250);

/// What came of running a future with [`run`](crate::run).
///
/// ```
/// use workbook::{run, secs};
///
/// let run = run(async {
///     tokio::time::sleep(secs(2)).await;
///     "done"
/// });
/// assert_eq!(run.value, "done");
/// assert_eq!(run.virtual_elapsed, secs(2));
/// ```
#[derive(Debug)]
pub struct Run<T> {
    /// What the future returned.
    pub value: T,
    /// Exactly how much virtual (tokio) time passed.
    pub virtual_elapsed: Duration,
    /// How much real time passed: a correct run takes well under a millisecond, unless
    /// it waits for blocking work on other threads.
    pub real_elapsed: Duration,
    /// About how much of that real time the runtime's thread spent running rather than
    /// parked, as sampled by the watchdog every 5 ms.
    pub busy: Duration,
    /// The longest time the runtime thread spent stuck inside one poll, as seen by
    /// the watchdog, if it was long enough to matter.
    pub longest_stall: Option<Duration>,
    /// Everything the simulated services recorded, in order.
    pub trace: Trace,
    /// Which run of its check this is (0 for the first), to find the reference
    /// solution's trace of the same run.
    pub(crate) index: usize,
    /// The virtual instants (after 0 s, up to the return) at which the runtime's thread
    /// woke from idle, in order, each once.
    pub(crate) wakeups: Vec<Duration>,
    /// When the code under test returned, if the check kept the run going after it
    /// ([`then_idle`]): pictures then say when it returned, not only how long the run took.
    pub(crate) returned_at: Option<Duration>,
}

/// How long, in virtual time, a run keeps the runtime going after the code under test
/// returned, to see what it left running. It stops at the first second in which a
/// simulated service was used.
pub const AFTER_RETURN: Duration = Duration::from_secs(60);
