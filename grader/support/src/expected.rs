//! What the reference solution did, run by run: a failing run is drawn beside it.
//!
//! Each `workbook::run` inside a check has an index (0, 1, … in the order the check
//! makes them), so the n-th run of a learner's check can be compared with the n-th run
//! of the same check on the reference solution. Those traces live in
//! `checks/expected/<check>.<n>.trace` of the exercise, recorded by running the
//! solution's checks with `WORKBOOK_RECORD_EXPECTED=1`: `grader verify` does, and fails when
//! the shipped traces have drifted; `grader verify NN --record-expected` rewrites them.

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

/// The trace in an order that is the same on every run: by time, then by actor, each
/// actor's own events in the order they happened. Work on other threads (the blocking
/// pool) records what happens at one instant in any order; a picture needs only each
/// actor's sequence.
pub fn normal(trace: &Trace) -> Trace {
    let mut events = trace.events().to_vec();
    events.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.actor.cmp(&b.actor)));
    Trace::from(events)
}

/// Records the trace of a run, when asked to: with [`RECORD_ENV`] set to `1`, into
/// `checks/expected/` (the reference solution's pictures); set to a folder, into that
/// folder (`grader verify --runs` compares runs this way).
pub(crate) fn record(check: &str, index: usize, trace: &Trace, took: Duration) {
    let Some(to) = std::env::var_os(RECORD_ENV) else { return };
    let path = match to.to_str() {
        Some("1") => path(check, index),
        _ => PathBuf::from(to).join(format!("{check}.{index}.trace")),
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let text = format!("took {}\n{}", format_secs(took), normal(trace).table());
    if let Err(error) = std::fs::write(&path, text) {
        eprintln!("workbook: can't record {}: {error}", path.display());
    }
}

/// The reference solution's trace of `check`'s run `index`, and how long it took.
pub(crate) fn load(check: &str, index: usize) -> Option<(Trace, Duration)> {
    parse(&std::fs::read_to_string(path(check, index)).ok()?)
}

/// Reads a recorded trace file's text (`took 1.000s`, then the table): the trace, and
/// how long the run took. `None` when the text is not one.
///
/// ```
/// let (trace, took) = workbook::expected::parse("took 1.000s\n  1.000s  GET /a  ■ 200 OK\n").unwrap();
/// assert_eq!(took, std::time::Duration::from_secs(1));
/// assert_eq!(trace.events().len(), 1);
/// assert!(workbook::expected::parse("  1.000s  GET /a  ■ 200 OK\n").is_none());
/// ```
pub fn parse(text: &str) -> Option<(Trace, Duration)> {
    let (first, rest) = text.split_once('\n')?;
    let took = first.strip_prefix("took ")?.strip_suffix('s')?;
    let (secs, millis) = took.split_once('.')?;
    let took = Duration::from_secs(secs.parse().ok()?) + Duration::from_millis(millis.parse().ok()?);
    Some((Trace::parse_table(rest), took))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{Event, Kind};

    #[test]
    fn the_normal_order_forgets_only_the_order_between_actors_at_one_instant() {
        let zero = Duration::ZERO;
        let e = |actor: &str, kind: Kind| Event::new(zero, actor, kind, "x");
        let one = Trace::from(vec![e("b", Kind::Begin), e("a", Kind::Begin), e("a", Kind::End), e("b", Kind::End)]);
        let other = Trace::from(vec![e("a", Kind::Begin), e("a", Kind::End), e("b", Kind::Begin), e("b", Kind::End)]);
        assert_eq!(normal(&one).table(), normal(&other).table());
        let kinds: Vec<Kind> = normal(&one).events().iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [Kind::Begin, Kind::End, Kind::Begin, Kind::End]);
    }
}
