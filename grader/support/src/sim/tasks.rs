//! Tasks taking turns on the event loop: what they [`say`], a call that blocks the
//! thread ([`block_thread`]), CPU-heavy work ([`crunch`]) and a task that should keep
//! a steady rhythm ([`heartbeat`]).
//!
//! Blocking and CPU work are shown on tokio's paused clock: [`block_thread`] and
//! [`crunch`] hold the thread without ever reaching an `.await`, exactly like
//! `std::thread::sleep` or a long computation, but the time they take passes on the
//! virtual clock, so a trace shows what the other tasks went through, to the
//! millisecond, and a check still runs in microseconds. On a clock that is not paused
//! (a plain `#[tokio::main]` program) they really hold the thread for that long. On a
//! `spawn_blocking` thread of a paused runtime they take no time and say `untimed`:
//! the paused clock stands still while the blocking pool works.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use crate::time::format_secs;
use crate::trace::{Span, note};

/// How long one [`crunch`] holds the thread: 250 ms.
pub const CHUNK_TIME: Duration = Duration::from_millis(250);

/// How many numbers one [`crunch`] works through: 1000.
pub const CHUNK_SIZE: u64 = 1000;

/// Forgets this module's per-run settings. It has none: every function here behaves
/// the same in every run.
pub(crate) fn reset() {}

/// Records that `task` says `what`, at the current virtual instant: the trace's
/// version of the `print("Task 1: Start")` lines of an asyncio example. Actor `task`.
///
/// ```
/// use workbook::sim::tasks::say;
///
/// let run = workbook::run(async {
///     say("Task 1", "Start");
///     tokio::time::sleep(workbook::secs(1)).await;
///     say("Task 1", "Done");
/// });
/// assert_eq!(run.trace.table(), "  0.000s  Task 1  • Start\n  1.000s  Task 1  • Done\n");
/// ```
pub fn say(task: &str, what: &str) {
    note(task, what);
}

/// Holds the thread for `duration` without ever yielding to the runtime, like
/// `std::thread::sleep(duration)` or any slow synchronous call (`time.sleep` in
/// Python). No other task on this thread can run meanwhile, and no timer can fire.
///
/// The difference is where the time goes: on tokio's paused clock (in a check), the
/// virtual clock jumps ahead by `duration` while the thread is held, so the trace
/// shows exactly how long everyone else was kept waiting. Elsewhere it really sleeps.
/// Traced as actor `blocking call`: a bar from the start of the call to its end.
///
/// On a `spawn_blocking` thread of a paused runtime, it takes no time at all and says
/// `untimed` in the trace: tokio's paused clock stands still while the blocking pool
/// works, so that time can't be shown.
///
/// The notes' blocking example: task 1 holds the thread for 5 s, so task 2 can start
/// its 2 s sleep only at 5 s, and everything ends at 7 s.
///
/// ```
/// use workbook::{run, secs};
/// use workbook::sim::tasks::{block_thread, say};
///
/// let run = run(async {
///     let task_one = async {
///         say("Task 1", "Start");
///         block_thread(secs(5)); // no .await: nothing else runs for 5 s
///         say("Task 1", "End");
///     };
///     let task_two = async {
///         say("Task 2", "Start");
///         tokio::time::sleep(secs(2)).await;
///         say("Task 2", "Done");
///     };
///     tokio::join!(task_one, task_two);
/// });
/// run.assert_elapsed(secs(7));
/// assert_eq!(run.trace.find("Task 2", "Start").unwrap().at, secs(5));
/// assert_eq!(run.trace.find("Task 2", "Done").unwrap().at, secs(7));
/// ```
pub fn block_thread(duration: Duration) {
    let place = Place::here();
    let what = match place {
        Place::BlockingPool => "holds a spawn_blocking thread (untimed)".to_string(),
        _ => format!("holds the thread for {}", format_secs(duration)),
    };
    let span = Span::begin("blocking call", &what);
    place.hold(duration);
    span.end("lets go of the thread");
}

/// Works through chunk number `chunk` (counting from 1) of a long computation: the
/// sum of the squares of its [`CHUNK_SIZE`] numbers, `(chunk - 1) * 1000 + 1` to
/// `chunk * 1000`. It is pure CPU work: it holds the thread for [`CHUNK_TIME`]
/// (250 ms, of virtual time in a check, see [`block_thread`]) and never yields.
/// Traced as actor `crunch`: `chunk N` begins, `chunk N done` ends. (On a
/// `spawn_blocking` thread of a paused runtime it is `untimed`, as [`block_thread`] is.)
///
/// A loop of crunches keeps the thread for as long as the whole loop runs, unless it
/// hands the thread back between chunks with `tokio::task::yield_now().await`.
///
/// ```
/// use workbook::sim::tasks::crunch;
///
/// let run = workbook::run(async { crunch(1) + crunch(2) });
/// assert_eq!(run.value, (1..=2000u64).map(|n| n * n).sum::<u64>());
/// run.assert_elapsed(workbook::millis(500));
/// ```
pub fn crunch(chunk: u64) -> u64 {
    let place = Place::here();
    let what = match place {
        Place::BlockingPool => format!("chunk {chunk}, on a spawn_blocking thread (untimed)"),
        _ => format!("chunk {chunk}"),
    };
    let span = Span::begin("crunch", &what);
    let first = chunk.saturating_sub(1) * CHUNK_SIZE + 1;
    let sum = (first..first + CHUNK_SIZE).map(|n| n * n).sum();
    place.hold(CHUNK_TIME);
    span.end(&format!("chunk {chunk} done"));
    sum
}

/// A task that should beat every `every`, forever: it records `beat` each time, or
/// `beat, 0.750s late` when it could only run that long after it was due. On an
/// event loop whose thread is held (by a blocking call, or by a loop that never
/// yields), the beats come late. Actor `heartbeat`. It never returns: spawn it, and
/// abort it or let the run end. It keeps virtual time, so its beats go into the trace;
/// [`crate::heartbeat::Heartbeat`] is the one that watches real time.
///
/// ```
/// use workbook::{millis, run, secs};
/// use workbook::sim::tasks::{block_thread, heartbeat};
///
/// let run = run(async {
///     tokio::spawn(heartbeat(millis(500)));
///     tokio::time::sleep(millis(1200)).await; // beats at 0.0 s, 0.5 s and 1.0 s
///     block_thread(secs(1)); // holds the thread from 1.2 s to 2.2 s
///     tokio::time::sleep(millis(100)).await; // the beat due at 1.5 s comes now
/// });
/// let beats: Vec<&str> = run.trace.of("heartbeat").map(|e| e.what.as_str()).collect();
/// assert_eq!(beats, ["beat", "beat", "beat", "beat, 0.700s late"]);
/// ```
pub async fn heartbeat(every: Duration) {
    let mut due = tokio::time::Instant::now();
    loop {
        let now = tokio::time::Instant::now();
        let late = now.saturating_duration_since(due);
        if late.is_zero() {
            note("heartbeat", "beat");
        } else {
            note("heartbeat", &format!("beat, {} late", format_secs(late)));
        }
        due = now + every;
        tokio::time::sleep_until(due).await;
    }
}

/// Where simulated blocking work runs, which decides how its time passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// The thread of a runtime whose clock is paused (a check): the virtual clock
    /// jumps ahead while the thread is held.
    PausedRuntime,
    /// A `spawn_blocking` thread of a runtime whose clock is paused. Tokio's paused
    /// clock stands still while blocking-pool work runs, so the work can't be timed:
    /// it takes no time at all, and the trace says so.
    BlockingPool,
    /// Anywhere else: the time passes for real.
    RealTime,
}

impl Place {
    fn here() -> Place {
        if !clock_is_paused() {
            Place::RealTime
        } else if !on_scheduler_thread() {
            // A paused clock needs a current-thread runtime, whose tasks all run on the
            // thread inside `block_on`: its only other threads are the blocking pool's.
            Place::BlockingPool
        } else {
            Place::PausedRuntime
        }
    }

    /// Holds the calling thread for `duration`, the way this place allows.
    fn hold(self, duration: Duration) {
        match self {
            Place::PausedRuntime => {
                // `tokio::time::advance` moves the paused clock as soon as it is first
                // polled, then yields once. Polled here by hand, just once, it moves the
                // clock and is dropped: this thread never went back to the scheduler, so
                // no other task ran and no timer fired meanwhile. They see the time that
                // passed afterwards.
                let mut advance = std::pin::pin!(tokio::time::advance(duration));
                let _ = advance.as_mut().poll(&mut Context::from_waker(Waker::noop()));
            }
            Place::BlockingPool => {}
            Place::RealTime => std::thread::sleep(duration),
        }
    }
}

/// Whether this thread is the one running the runtime's tasks, rather than a thread
/// of its blocking pool. `tokio::task::yield_now` hands its waker to the scheduler of
/// the thread it is polled on, to be woken later; where no scheduler runs, it wakes
/// the waker at once.
fn on_scheduler_thread() -> bool {
    struct Woken(AtomicBool);
    impl Wake for Woken {
        fn wake(self: Arc<Self>) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    let woken = Arc::new(Woken(AtomicBool::new(false)));
    let waker = Waker::from(woken.clone());
    let mut yielding = std::pin::pin!(tokio::task::yield_now());
    let _ = yielding.as_mut().poll(&mut Context::from_waker(&waker));
    !woken.0.load(Ordering::SeqCst)
}

/// Whether this thread is in a tokio runtime whose clock is paused: a paused clock
/// does not move on its own, while real time does.
fn clock_is_paused() -> bool {
    if tokio::runtime::Handle::try_current().is_err() {
        return false;
    }
    let virtual_before = tokio::time::Instant::now();
    let real_before = std::time::Instant::now();
    while real_before.elapsed() < Duration::from_micros(2) {
        std::hint::spin_loop();
    }
    tokio::time::Instant::now() == virtual_before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{millis, run, secs};

    #[test]
    fn block_thread_outside_a_runtime_really_sleeps() {
        let start = std::time::Instant::now();
        block_thread(millis(20));
        assert!(start.elapsed() >= millis(20));
    }

    #[test]
    fn block_thread_on_a_running_clock_really_sleeps() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let start = std::time::Instant::now();
        runtime.block_on(async { block_thread(millis(20)) });
        assert!(start.elapsed() >= millis(20));
    }

    #[test]
    fn crunching_on_the_blocking_pool_is_untimed() {
        let run = run(async { tokio::task::spawn_blocking(|| crunch(1)).await.unwrap() });
        assert_eq!(run.virtual_elapsed, Duration::ZERO);
        assert!(run.trace.find("crunch", "spawn_blocking thread (untimed)").is_some());
    }

    #[test]
    fn yielding_between_chunks_keeps_the_heartbeat_on_time() {
        let run = run(async {
            tokio::spawn(heartbeat(millis(500)));
            tokio::task::yield_now().await;
            let cruncher = tokio::spawn(async {
                for chunk in 1..=4 {
                    crunch(chunk);
                    tokio::task::yield_now().await;
                }
            });
            cruncher.await.unwrap();
        });
        run.assert_elapsed(secs(1));
        let beats: Vec<String> = run.trace.of("heartbeat").map(|e| format!("{:?} {}", e.at, e.what)).collect();
        assert_eq!(beats, ["0ns beat", "500ms beat", "1s beat"]);
    }
}
