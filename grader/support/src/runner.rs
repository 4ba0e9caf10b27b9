//! Running a future the way checks judge it: on a current-thread runtime with tokio's
//! clock paused, so virtual durations are exact, while a watchdog notices a blocked
//! thread in real time.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::run::{AFTER_RETURN, Run, VIRTUAL_DEADLINE};
use crate::trace::{Event, Recorder};
use crate::watchdog::{Shared, Spin, Watchdog};

thread_local! {
    /// The virtual instant at which [`then_idle`]'s call returned, in this thread's run.
    static RETURNED_AT: std::cell::Cell<Option<tokio::time::Instant>> = const { std::cell::Cell::new(None) };
}

/// Runs `future` to completion on a fresh current-thread runtime with the clock
/// paused, and reports its value, the exact virtual time, the real time and the trace.
///
/// If the future is still pending after [`VIRTUAL_DEADLINE`] of virtual time, the
/// run panics with a message naming the check: it would otherwise wait forever.
///
/// ```
/// use workbook::{run, secs};
///
/// let run = run(async {
///     tokio::join!(tokio::time::sleep(secs(1)), tokio::time::sleep(secs(3)));
/// });
/// assert_eq!(run.virtual_elapsed, secs(3));
/// assert!(run.real_elapsed < secs(1));
/// ```
#[track_caller]
pub fn run<F: Future>(future: F) -> Run<F::Output> {
    let index = crate::expected::next_index();
    let recorder = Recorder::new();
    let for_threads = recorder.clone();
    let for_wakes = recorder.clone();
    let runtime_thread = std::thread::current().id();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        // Blocking-pool threads record into the same trace.
        .on_thread_start(move || std::mem::forget(for_threads.install()))
        // Each time the runtime's thread wakes from idle, note the virtual instant: a run
        // that wakes again and again with nothing happening is polling on a timer.
        .on_thread_unpark(move || {
            if std::thread::current().id() == runtime_thread {
                for_wakes.woke();
            }
        })
        .build()
        .expect("failed to build the check's tokio runtime");
    let _installed = recorder.install();
    crate::sim::reset();
    let allowances = crate::findings::Allowances::current();

    let shared = Arc::new(Shared::default());
    let watchdog = Watchdog::start(runtime.handle().clone(), shared.clone(), recorder.clone());
    // Stops the watchdog even if the future panics (a check may catch that panic).
    let _stop_watchdog = StopOnDrop(shared.clone());
    let real_start = Instant::now();
    RETURNED_AT.with(|at| at.set(None));
    let (outcome, returned, spin_after, start) = runtime.block_on(async {
        recorder.start_clock();
        let start = tokio::time::Instant::now();
        let mut future = std::pin::pin!(future);
        let outcome = tokio::select! {
            biased;
            () = shared.alarm.notified() => Err(Stop::Spin),
            value = &mut future => Ok((value, start.elapsed())),
            () = tokio::time::sleep(VIRTUAL_DEADLINE) => Err(Stop::Deadlock),
        };
        let returned = recorder.snapshot();
        // What the watchdog saw spin after the code under test returned, if anything.
        let mut spin_after = None;
        if outcome.is_ok() {
            // The code under test has returned. Keep the runtime going a while: whatever
            // it left running shows itself now.
            shared.returned.store(true, Ordering::Relaxed);
            let watch = async {
                for _ in 0..AFTER_RETURN.as_secs() {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    if recorder.len() > returned.events().len() {
                        break;
                    }
                }
            };
            tokio::select! {
                biased;
                () = shared.alarm.notified() => spin_after = shared.take_spin(),
                () = watch => {}
            }
        }
        (outcome, returned, spin_after, start)
    });
    let returned_at = RETURNED_AT.with(|at| at.take()).map(|at| at.saturating_duration_since(start));
    let real_elapsed = real_start.elapsed();
    shared.done.store(true, Ordering::Relaxed);
    allowances.restore();
    let (longest_stall, busy) = watchdog.finish();
    let busy = busy.min(real_elapsed);
    let all = recorder.close();
    let wakes = recorder.wakes();
    drop(runtime);
    let trace = returned;
    let leftovers: Vec<Event> = all.events()[trace.events().len()..].to_vec();

    // Inside a check, a finished run may be recorded as the reference solution's, and
    // reports its timeline when `grader check --timeline` asks.
    if let Ok((_, virtual_elapsed)) = &outcome
        && let Some(check) = crate::checking::current_check()
    {
        // How long the code under test took: until it returned.
        crate::expected::record(&check, index, &trace, returned_at.unwrap_or(*virtual_elapsed));
        if std::env::var_os(crate::checking::TIMELINES_ENV).is_some() {
            let picture = crate::timeline(&trace, *virtual_elapsed);
            let text =
                format!("{}\n  took {} of virtual time", picture.trim_end(), crate::format_secs(*virtual_elapsed));
            crate::checking::write_record(grader_protocol::Record::Timeline { check: check.clone(), message: text });
        }
    }
    match outcome {
        Ok((value, virtual_elapsed)) => {
            let wakeups = wakes.into_iter().filter(|at| *at > Duration::ZERO && *at <= virtual_elapsed).collect();
            let run =
                Run { value, virtual_elapsed, real_elapsed, busy, longest_stall, trace, index, wakeups, returned_at };
            crate::findings::after_run(&run, &leftovers, spin_after, allowances);
            run
        }
        Err(Stop::Deadlock) => crate::assertions::deadlock(&trace),
        Err(Stop::Spin) => {
            let spin = shared.take_spin().unwrap_or(Spin { busy, at: Duration::ZERO });
            crate::watchdog::spinning(spin, &trace)
        }
    }
}

/// Why a run ended without a value.
enum Stop {
    /// Nothing could happen any more before [`VIRTUAL_DEADLINE`].
    Deadlock,
    /// The watchdog saw the thread spin and the run's future answered its alarm.
    Spin,
}

/// Sets its flag when dropped: the watchdog's stop signal, also on unwinding.
struct StopOnDrop(Arc<Shared>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.done.store(true, Ordering::Relaxed);
    }
}

/// Awaits `call`, notes how long it took, then keeps the runtime going `idle` longer,
/// so the trace also shows what other work did after the call returned (a task left
/// running, a future that was not cancelled). Gives back the value and when it came.
///
/// ```
/// use workbook::{run, secs, then_idle};
///
/// let run = run(then_idle(async { tokio::time::sleep(secs(1)).await }, secs(5)));
/// assert_eq!(run.value.1, secs(1));
/// assert_eq!(run.virtual_elapsed, secs(6));
/// ```
pub async fn then_idle<T>(call: impl Future<Output = T>, idle: Duration) -> (T, Duration) {
    let start = tokio::time::Instant::now();
    let value = call.await;
    let returned_at = start.elapsed();
    RETURNED_AT.with(|at| at.set(Some(tokio::time::Instant::now())));
    tokio::time::sleep(idle).await;
    (value, returned_at)
}
