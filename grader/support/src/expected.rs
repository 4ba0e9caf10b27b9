//! What the reference solution did, run by run: a failing run is drawn beside it.
//!
//! Each `workbook::run` inside a check has an index (0, 1, … in the order the check
//! makes them), so the n-th run of a learner's check can be compared with the n-th run
//! of the same check on the reference solution. Those traces live in
//! `checks/expected/<check>.<n>.trace` of the exercise, recorded by running the
//! solution's checks with `WORKBOOK_RECORD_EXPECTED=1` (see `grader/scripts/`).

use std::cell::Cell;
use std::path::PathBuf;
use std::time::Duration;

use crate::time::format_secs;
use crate::trace::Trace;

/// Set it to record the expected traces instead of reading them.
pub const RECORD_ENV: &str = "WORKBOOK_RECORD_EXPECTED";

thread_local! {
    static NEXT: Cell<usize> = const { Cell::new(0) };
}

/// Starts counting runs again: called when a check starts.
pub(crate) fn reset() {
    NEXT.with(|n| n.set(0));
}

/// The index of the run that is starting.
pub(crate) fn next_index() -> usize {
    NEXT.with(|n| {
        let index = n.get();
        n.set(index + 1);
        index
    })
}

/// Where the expected trace of `check`'s run `index` lives, relative to the exercise
/// (the current folder while its checks run).
fn path(check: &str, index: usize) -> PathBuf {
    PathBuf::from("checks").join("expected").join(format!("{check}.{index}.trace"))
}

/// Records the trace of a run of the reference solution, when asked to.
pub(crate) fn record(check: &str, index: usize, trace: &Trace, took: Duration) {
    if std::env::var_os(RECORD_ENV).is_none() {
        return;
    }
    let path = path(check, index);
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let text = format!("took {}\n{}", format_secs(took), trace.table());
    if let Err(error) = std::fs::write(&path, text) {
        eprintln!("workbook: can't record {}: {error}", path.display());
    }
}

/// The reference solution's trace of `check`'s run `index`, and how long it took.
pub(crate) fn load(check: &str, index: usize) -> Option<(Trace, Duration)> {
    let text = std::fs::read_to_string(path(check, index)).ok()?;
    let (first, rest) = text.split_once('\n')?;
    let took = first.strip_prefix("took ")?.strip_suffix('s')?;
    let (secs, millis) = took.split_once('.')?;
    let took = Duration::from_secs(secs.parse().ok()?) + Duration::from_millis(millis.parse().ok()?);
    Some((Trace::parse_table(rest), took))
}
