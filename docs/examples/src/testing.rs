//! What the chapters' tests share: when something happened in a run, and a run's
//! timings checked against what the chapter says.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use workbook::Run;
use workbook::trace::Trace;

/// When `actor` did `what`, in a run's trace; the whole trace in the panic if it never did.
pub fn at(trace: &Trace, actor: &str, what: &str) -> Duration {
    trace.find(actor, what).unwrap_or_else(|| panic!("no `{what}` from {actor}:\n{}", trace.table())).at
}

/// Checks that `run` took `took`, and that each `(actor, what, when)` happened when the
/// chapter says.
pub fn assert_times<T>(run: &Run<T>, took: Duration, steps: &[(&str, &str, Duration)]) {
    assert_eq!(run.virtual_elapsed, took, "how long the run took:\n{}", run.trace.table());
    for &(actor, what, when) in steps {
        assert_eq!(at(&run.trace, actor, what), when, "when {actor} did `{what}`:\n{}", run.trace.table());
    }
}

/// A task that waits, then finishes; what became of it tells whether a runtime dropped
/// it with everything it still held.
pub struct Sleeper {
    dropped: Arc<AtomicBool>,
    finished: Arc<AtomicBool>,
}

impl Sleeper {
    /// The sleeper, and the task to spawn: it waits `wait`, then marks itself finished.
    pub fn new(wait: Duration) -> (Sleeper, impl Future<Output = ()> + Send + 'static) {
        /// Sets its flag when dropped: with the task, wherever the task stopped.
        struct Flag(Arc<AtomicBool>);
        impl Drop for Flag {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let sleeper = Sleeper { dropped: Arc::default(), finished: Arc::default() };
        let (flag, finished) = (Flag(Arc::clone(&sleeper.dropped)), Arc::clone(&sleeper.finished));
        let task = async move {
            let _flag = flag;
            tokio::time::sleep(wait).await;
            finished.store(true, Ordering::SeqCst);
        };
        (sleeper, task)
    }

    /// Checks that the task is still waiting on `runtime`, drops the runtime, and checks
    /// that the task was dropped with it, never running past its `.await`.
    pub fn assert_dropped_with(&self, runtime: tokio::runtime::Runtime) {
        assert!(!self.dropped.load(Ordering::SeqCst), "the task is still waiting while the runtime lives");
        drop(runtime);
        assert!(self.dropped.load(Ordering::SeqCst), "the runtime dropped its task");
        assert!(!self.finished.load(Ordering::SeqCst), "and the task never ran past its .await");
    }
}

/// Calls `call`, and checks that it panics with a message that contains `saying`.
pub fn assert_panics<T>(call: impl FnOnce() -> T, saying: &str) {
    let Err(payload) = std::panic::catch_unwind(AssertUnwindSafe(call)) else {
        panic!("this should panic, saying {saying:?}");
    };
    let message = workbook::panic_message(payload.as_ref()).unwrap_or_default();
    assert!(message.contains(saying), "the panic said {message:?}, not {saying:?}");
}
