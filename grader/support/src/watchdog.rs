//! The watchdog: a thread beside each run that watches the runtime's only thread in
//! real time, and says what it saw when the run stops making progress.
//!
//! Its evidence, sampled every 5 ms:
//! - tokio's park/unpark count: odd while the thread is parked (idle), even while it
//!   runs tasks; unchanged while the thread is stuck inside one poll;
//! - the virtual clock: it moves only when every task waits;
//! - on Linux, the thread's scheduler state and the system call it is in
//!   (`/proc/self/task/<tid>/{stat,syscall}`): running code, asleep in `nanosleep`,
//!   waiting on a lock (`futex`), waiting for I/O.
//!
//! Busy time is real time sampled while the thread is not parked, not CPU time: on a
//! loaded machine a spinning thread gets a fraction of a core, and its CPU time would
//! reach the limit after the grader's wall-clock limit, so the same code would be
//! named `blocked` on one run and `timeout` on another. Real time keeps the verdict
//! the same under any load (a correct run is busy for well under a millisecond between
//! two ticks of the virtual clock, so it never comes near).
//!
//! Two ways a run stops making progress end it within about a second, each with the
//! evidence that names it:
//! - **spinning**: the thread stayed busy while virtual time stood still. The
//!   watchdog raises the run's alarm; if the run's own future is polled (the runtime is
//!   still scheduling tasks, so some task is always ready again), the run ends with the
//!   spin lesson. If it is not, the thread is looping inside one poll.
//! - **stuck inside one poll**: the count stopped moving while the thread was not
//!   parked. Nothing can end such a run from outside, so the watchdog reports the
//!   check's verdict itself and ends the checks' process; the grader runs the remaining
//!   checks in a new one.
//!
//! The lessons of both (`spinning`, `stuck_lesson`) live here, beside the evidence they
//! read.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::time::{format_real, format_secs};
use crate::trace::Trace;

use crate::trace::Recorder;

/// How often the watchdog samples.
const SAMPLE: Duration = Duration::from_millis(5);

/// A stall of the runtime thread inside one poll at least this long is reported once
/// the run ends.
pub(crate) const STALL: Duration = Duration::from_millis(100);

/// A stall at least this long in which the kernel shows the runtime's thread asleep in
/// `nanosleep` is reported too, however long the sleep turns out: a blocking sleep
/// inside a poll is the mistake whatever its length, and a 100 ms sleep measured
/// against [`STALL`] alone fell on either side of it from run to run. A sleep this
/// long is seen in nearly every sampling of it; a shorter one counts only through the
/// time it keeps the thread busy.
const ASLEEP_IN_POLL: Duration = Duration::from_millis(20);

/// Real time the runtime's thread may stay busy while virtual time stands still before
/// the run counts as spinning (or looping inside a poll). A correct run of any check is
/// busy well under a millisecond between two ticks of the virtual clock.
const SPIN_BUSY: Duration = Duration::from_millis(500);

/// How long the thread may wait inside one poll, in the kernel, before the run is
/// ended: asleep (`std::thread::sleep`, which ends by itself, so it gets longer and the
/// run's own lesson usually comes first), or waiting on a lock or I/O.
const STUCK_ASLEEP: Duration = Duration::from_secs(5);
const STUCK_WAITING: Duration = Duration::from_millis(1500);

/// How long the alarm may go unanswered before the thread counts as stuck in a poll:
/// long enough for a starved thread on a loaded machine to get its turn.
const ALARM_GRACE: Duration = Duration::from_secs(1);

/// What the runtime's thread was doing, as the kernel saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Doing {
    /// Running code (state `R`).
    Running,
    /// Asleep in `nanosleep`/`clock_nanosleep`: a blocking sleep.
    Sleeping,
    /// Waiting on a futex: a lock, a condition variable, a thread park.
    WaitingOnLock,
    /// Waiting in `read`, `poll`, `epoll_wait`, `select`, `recvfrom`, `accept`…
    WaitingOnIo,
    /// Some other wait in the kernel, or state `D`.
    Unknown,
    /// Nothing could be read (not Linux, or `/proc` refused): treated as running for
    /// the spin rule, as unknown for the lessons.
    Unreadable,
}

/// The evidence of a spin: the alarm was answered, so the runtime kept scheduling.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spin {
    /// Real time the thread stayed busy while virtual time stood still.
    pub busy: Duration,
    /// The virtual instant it stood at.
    pub at: Duration,
}

/// State shared between the watchdog and its run.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// Raised by the watchdog when the thread spins; the run's future answers it.
    pub alarm: tokio::sync::Notify,
    /// What the watchdog saw when it raised the alarm.
    pub spin: Mutex<Option<Spin>>,
    /// Set by the run when it has ended, to stop the watchdog.
    pub done: AtomicBool,
    /// Set by the run once the code under test has returned: a spin or stall after
    /// that belongs to work it left running.
    pub returned: AtomicBool,
}

impl Shared {
    pub(crate) fn take_spin(&self) -> Option<Spin> {
        *self.spin.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Watches one run's runtime thread (see the module's notes).
pub(crate) struct Watchdog {
    thread: std::thread::JoinHandle<(Option<Duration>, Duration)>,
}

impl Watchdog {
    /// Starts watching the runtime behind `handle`, whose only thread is the calling
    /// thread.
    pub(crate) fn start(handle: tokio::runtime::Handle, shared: Arc<Shared>, recorder: Recorder) -> Watchdog {
        let probe = ThreadProbe::of_current_thread();
        let thread = std::thread::spawn(move || watch(&handle, &shared, &recorder, &probe));
        Watchdog { thread }
    }

    /// Stops watching; returns the longest stall inside one poll (if it mattered) and
    /// about how long the thread was busy.
    pub(crate) fn finish(self) -> (Option<Duration>, Duration) {
        self.thread.join().unwrap_or((None, Duration::ZERO))
    }
}

fn watch(
    handle: &tokio::runtime::Handle,
    shared: &Shared,
    recorder: &Recorder,
    probe: &ThreadProbe,
) -> (Option<Duration>, Duration) {
    let metrics = handle.metrics();
    let virtual_now = || {
        let _entered = handle.enter();
        tokio::time::Instant::now()
    };
    let mut last_count = metrics.worker_park_unpark_count(0);
    let mut since = Instant::now();
    let mut longest = Duration::ZERO;
    let mut busy = Duration::ZERO;
    // Busy and, in the kernel's eyes, running or ready to run (not asleep in a system
    // call): what a spin accrues at the wall clock's pace under any load, and a
    // blocking sleep never does.
    let mut spinning = Duration::ZERO;
    let mut last_sample = Instant::now();
    let mut last_virtual = virtual_now();
    let mut spinning_at_tick = Duration::ZERO;
    let mut alarm_raised: Option<Instant> = None;
    // Whether the thread was seen asleep inside one poll (see [`ASLEEP_IN_POLL`]).
    let mut slept = false;
    while !shared.done.load(Ordering::Relaxed) {
        std::thread::sleep(SAMPLE);
        let now = Instant::now();
        let count = metrics.worker_park_unpark_count(0);
        let running = count.is_multiple_of(2);
        if running {
            busy += now - last_sample;
            let doing = probe.doing();
            if matches!(doing, Doing::Running | Doing::Unreadable) {
                spinning += now - last_sample;
            }
            if doing == Doing::Sleeping && count == last_count && since.elapsed() >= ASLEEP_IN_POLL {
                slept = true;
            }
        }
        last_sample = now;
        if count != last_count || !running {
            last_count = count;
            since = now;
        } else {
            longest = longest.max(since.elapsed());
        }
        let virtual_at = virtual_now();
        if virtual_at != last_virtual {
            last_virtual = virtual_at;
            spinning_at_tick = spinning;
            alarm_raised = None;
            continue;
        }
        // Virtual time stands still. How long has the thread been running since it moved?
        let busy_still = spinning - spinning_at_tick;
        let at = recorder.elapsed_at(virtual_at);
        if let Some(raised) = alarm_raised {
            if raised.elapsed() >= ALARM_GRACE && !shared.done.load(Ordering::Relaxed) {
                // The run's future was not polled: the thread loops inside one poll.
                abandon(shared, recorder, Doing::Running, busy_still, at);
            }
            continue;
        }
        if busy_still >= SPIN_BUSY {
            *shared.spin.lock().unwrap_or_else(PoisonError::into_inner) = Some(Spin { busy: busy_still, at });
            shared.alarm.notify_one();
            alarm_raised = Some(now);
            continue;
        }
        let stuck = since.elapsed();
        if running && stuck >= STUCK_WAITING {
            let doing = probe.doing();
            let limit = match doing {
                Doing::Sleeping | Doing::Unknown | Doing::Unreadable => STUCK_ASLEEP,
                Doing::Running => continue, // the CPU rule above decides
                Doing::WaitingOnLock | Doing::WaitingOnIo => STUCK_WAITING,
            };
            if stuck >= limit {
                abandon(shared, recorder, doing, stuck, at);
            }
        }
    }
    ((longest >= STALL || slept).then_some(longest), busy)
}

/// Reports the running check as blocked, with what the thread was doing, and ends
/// the process: the thread is stuck inside a poll, so nothing else could end the run.
fn abandon(shared: &Shared, recorder: &Recorder, doing: Doing, held: Duration, at: Duration) -> ! {
    let after_return = shared.returned.load(Ordering::Relaxed);
    let so_far = recorder.snapshot();
    let message = stuck_lesson(doing, held, at, after_return, &so_far);
    crate::checking::abandon(grader_protocol::FailKind::Blocked, &message)
}

/// Reads what one thread is doing from `/proc` (Linux only; elsewhere it knows nothing).
struct ThreadProbe {
    #[cfg_attr(not(target_os = "linux"), expect(dead_code, reason = "only Linux has /proc"))]
    dir: Option<std::path::PathBuf>,
}

impl ThreadProbe {
    fn of_current_thread() -> ThreadProbe {
        // `/proc/thread-self` names this thread's folder; the link's target stays valid
        // from other threads.
        let dir = std::fs::read_link("/proc/thread-self").ok().map(|target| std::path::Path::new("/proc").join(target));
        ThreadProbe { dir }
    }

    #[cfg(target_os = "linux")]
    fn doing(&self) -> Doing {
        let Some(dir) = self.dir.as_ref() else { return Doing::Unreadable };
        let state = std::fs::read_to_string(dir.join("stat")).ok().and_then(|stat| {
            stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next().map(str::to_string))
        });
        match state.as_deref() {
            Some("R") => return Doing::Running,
            None => return Doing::Unreadable,
            Some(_) => {}
        }
        let call = std::fs::read_to_string(dir.join("syscall"))
            .ok()
            .and_then(|text| text.split_whitespace().next().and_then(|n| n.parse::<i64>().ok()));
        match call {
            Some(n) if n == libc::SYS_clock_nanosleep => Doing::Sleeping,
            #[cfg(target_arch = "x86_64")]
            Some(n) if n == libc::SYS_nanosleep => Doing::Sleeping,
            Some(n) if n == libc::SYS_futex => Doing::WaitingOnLock,
            Some(n) if io_call(n) => Doing::WaitingOnIo,
            _ => Doing::Unknown,
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn doing(&self) -> Doing {
        Doing::Unreadable
    }
}

#[cfg(target_os = "linux")]
fn io_call(n: i64) -> bool {
    let mut calls = vec![
        // Opening a FIFO waits for its other end.
        libc::SYS_openat,
        libc::SYS_read,
        libc::SYS_readv,
        libc::SYS_pread64,
        libc::SYS_ppoll,
        libc::SYS_pselect6,
        libc::SYS_epoll_pwait,
        libc::SYS_recvfrom,
        libc::SYS_recvmsg,
        libc::SYS_accept4,
        libc::SYS_connect,
        libc::SYS_wait4,
        libc::SYS_waitid,
    ];
    #[cfg(target_arch = "x86_64")]
    calls.extend([libc::SYS_open, libc::SYS_poll, libc::SYS_select, libc::SYS_epoll_wait, libc::SYS_accept]);
    calls.contains(&n)
}

/// Ends a run whose thread spun: the watchdog saw it use the CPU while virtual time
/// stood still, and the run's own future answered the alarm, so the runtime was still
/// scheduling tasks: some task was always ready to run again.
pub(crate) fn spinning(spin: Spin, so_far: &Trace) -> ! {
    crate::assertions::fail_as(
        grader_protocol::FailKind::Blocked,
        format!(
            "The runtime never became idle: its thread kept running tasks for {} of real time while \
             virtual time stood still at {}, so the check was stopped. Tokio's clock moves on only \
             when every task is waiting; here some task was always ready to run again, so no timer \
             could fire and nothing that needs time could happen.\n\
             That is what waiting without a real wait looks like. Possible causes: a loop that checks \
             a flag, `try_recv`, `try_lock` or `JoinHandle::is_finished()` and then awaits \
             `tokio::task::yield_now()` (or another future that is always ready); a hand-written \
             future that calls `cx.waker().wake_by_ref()` and returns `Poll::Pending` when nothing \
             has changed.\n\
             Wait for the event itself: `.await` the JoinHandle, the channel's `recv()`, the \
             `Notify`, the lock.\n\n\
             What happened before it was stopped:\n{}",
            format_real(spin.busy),
            format_secs(spin.at),
            crate::assertions::picture(so_far, spin.at),
        ),
    )
}

/// The lesson for a run whose thread was stuck inside one poll, from what the kernel
/// said it was doing. `after_return`: the code under test had already returned, so
/// something it left running did it.
pub(crate) fn stuck_lesson(doing: Doing, held: Duration, at: Duration, after_return: bool, so_far: &Trace) -> String {
    let who = if after_return {
        "After the code under test returned, something it left running blocked the runtime"
    } else {
        "The runtime was blocked"
    };
    let (what, causes) = match doing {
        Doing::Running => (
            format!(
                "its only thread kept running code inside one poll for {} of real time, never returning to the runtime",
                format_real(held)
            ),
            "Possible causes: a loop that waits for a condition by checking it again and again with no \
             `.await` that waits in it (a flag, an atomic, `try_recv`, `try_lock`); a hand-written `poll` \
             that loops until the value is ready instead of returning `Poll::Pending`; a long computation \
             on the runtime's thread (`tokio::task::spawn_blocking` is for that).",
        ),
        Doing::Sleeping => (
            format!(
                "its only thread slept inside one poll for {} (the kernel showed it in a sleep call)",
                format_real(held)
            ),
            "Possible causes: `std::thread::sleep` in async code, or a synchronous library call that \
             sleeps. Use `tokio::time::sleep(..).await` to wait, and `tokio::task::spawn_blocking` for \
             blocking calls you can't avoid.",
        ),
        Doing::WaitingOnLock => (
            format!(
                "its only thread waited inside one poll for {} on a lock, a condition variable or a \
                 thread park (the kernel showed it in a `futex` wait)",
                format_real(held)
            ),
            "Whatever it waits for would need this very thread to happen, so it never comes. Possible \
             causes: `futures::executor::block_on`, `Handle::block_on`, `blocking_recv` or \
             `blocking_lock` on async work that needs the runtime's thread; a `std::sync::Mutex` or \
             `RwLock` locked twice, or held by a task that awaits while holding it; a blocking `recv()` on \
             a `std::sync::mpsc` channel, or `join()` of a thread, that waits for something that needs \
             this thread. Inside async code, `.await` tokio's types instead.",
        ),
        Doing::WaitingOnIo => (
            format!(
                "its only thread waited inside one poll for {} on blocking I/O (the kernel showed it in \
                 a read or poll call)",
                format_real(held)
            ),
            "Possible cause: std's blocking I/O in async code (`std::io::stdin().read_line`, `std::fs`, \
             `std::net`). Use tokio's I/O types and `.await` them, or `spawn_blocking`.",
        ),
        Doing::Unknown | Doing::Unreadable => (
            format!(
                "its only thread stayed inside one poll for {} without returning to the runtime",
                format_real(held)
            ),
            "Possible causes: a blocking call that does not return (`std::thread::sleep`, a blocking \
             channel `recv()`, a `std::sync::Mutex` locked twice), `block_on` on work that needs this \
             thread, or a loop with no `.await` in it.",
        ),
    };
    format!(
        "{who}: {what}, while virtual time stood at {}, so the check was stopped.\n{causes}\n\n\
         What happened before it was stopped:\n{}",
        format_secs(at),
        crate::assertions::picture(so_far, at),
    )
}
