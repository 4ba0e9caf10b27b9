//! What the chapters' tests share: when something happened in a run, and a run's
//! timings checked against what the chapter says.

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
