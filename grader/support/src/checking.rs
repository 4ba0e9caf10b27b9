//! The check in progress and its report, below everything that fails or reports: which
//! check runs (on this thread, and under the grader on any thread), how its coming
//! panic is to be read (a lesson of which [`FailKind`]), and the signed records
//! appended to the grader's report. `harness.rs` runs checks on top of it; assertions,
//! the runner and the watchdog only read and mark through it, so none of them imports
//! the harness.

use std::cell::{Cell, RefCell};
use std::io::Write as _;
use std::sync::{Mutex, OnceLock, PoisonError};

use grader_protocol::{FailKind, Record};

/// Set by `grader check --timeline`: every run reports its timeline, passing or not.
pub(crate) const TIMELINES_ENV: &str = "GRADER_TIMELINES";

thread_local! {
    static CHECK: RefCell<Option<String>> = const { RefCell::new(None) };
    static LESSON: Cell<Option<FailKind>> = const { Cell::new(None) };
    static LAST_PANIC: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// The check running, for panics on threads other than its own (a `spawn_blocking` job,
/// a thread the learner's code started). Under the grader checks run one at a time, so
/// whatever panics while one runs belongs to it.
static RUNNING: Mutex<Option<String>> = Mutex::new(None);

/// The name of the check running on this thread, if any.
pub(crate) fn current_check() -> Option<String> {
    CHECK.with(|c| c.borrow().clone())
}

/// Notes which check runs, under the grader (`None` when it ended).
pub(crate) fn set_running(check: Option<&str>) {
    *RUNNING.lock().unwrap_or_else(PoisonError::into_inner) = check.map(str::to_string);
}

/// The check running under the grader, whatever thread asks.
pub(crate) fn running() -> Option<String> {
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// The grader's token for this process's records (see the module's notes), read once
/// from `<report>.token`, whose file is then deleted; empty when there is none.
pub(crate) fn token() -> &'static str {
    static TOKEN: OnceLock<String> = OnceLock::new();
    TOKEN.get_or_init(|| {
        let Some(mut path) = std::env::var_os(grader_protocol::REPORT_ENV) else { return String::new() };
        path.push(grader_protocol::TOKEN_SUFFIX);
        let token = std::fs::read_to_string(&path).unwrap_or_default();
        let _ = std::fs::remove_file(&path);
        token.trim().to_string()
    })
}

/// Marks the panic about to happen as a lesson from an assertion, not a crash.
/// `kind` is `Lesson`, or a more precise verdict: `Blocked` or `Deadlock`.
pub(crate) fn mark_lesson(kind: FailKind) {
    LESSON.with(|l| l.set(Some(kind)));
}

/// Notes the check running on this thread (`None` when it ended), and forgets the
/// last check's lesson mark and panic.
pub(crate) fn begin(check: Option<&str>) {
    CHECK.with(|c| *c.borrow_mut() = check.map(str::to_string));
    LESSON.with(|l| l.set(None));
    LAST_PANIC.with(|p| p.borrow_mut().take());
}

/// The check running on this thread is over: its name is forgotten.
pub(crate) fn end() {
    CHECK.with(|c| c.borrow_mut().take());
}

/// How the panic that ended the check is to be read: the lesson kind marked, else a panic.
pub(crate) fn take_lesson() -> FailKind {
    LESSON.with(|l| l.replace(None)).unwrap_or(FailKind::Panic)
}

/// Whether a lesson is marked (the panic coming is an assertion's).
pub(crate) fn lesson_marked() -> bool {
    LESSON.with(|l| l.get()).is_some()
}

/// Notes the place and message of a panic on this thread.
pub(crate) fn note_panic(location: String, message: String) {
    LAST_PANIC.with(|p| *p.borrow_mut() = Some((location, message)));
}

/// The place of the last panic on this thread, taken.
pub(crate) fn take_panic_location() -> String {
    LAST_PANIC.with(|p| p.borrow_mut().take()).map(|(location, _)| location).unwrap_or_default()
}

/// Ends the checks' process from another thread, reporting the running check as
/// failed with `kind` and `message`: the watchdog's way out when the check's thread is
/// stuck inside a poll and can't fail by itself. The grader runs the checks not yet
/// run in a new process.
pub(crate) fn abandon(kind: FailKind, message: &str) -> ! {
    match running() {
        Some(check) => {
            write_record(Record::Fail { check, kind, location: String::new(), message: message.to_string() })
        }
        None => {
            let _ = writeln!(std::io::stderr(), "{message}");
        }
    }
    std::process::exit(101)
}

/// Appends `record` to the grader's report, signed (no-op outside the grader).
pub(crate) fn write_record(record: Record) {
    let Some(path) = std::env::var_os(grader_protocol::REPORT_ENV) else { return };
    // No secret in the file: a MAC of the record, keyed by the token (see
    // `grader_protocol`), which only the harness holds.
    let line = grader_protocol::sign(token(), &record) + "\n";
    // One write per line, in append mode, so records never interleave.
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(line.as_bytes()));
    if let Err(error) = written {
        // Straight to stderr: libtest would capture eprintln!.
        let _ = writeln!(std::io::stderr(), "workbook: cannot write the grader's report {path:?}: {error}");
    }
}
