//! The check harness: runs each check, and reports its verdict to the grader through
//! a file the grader names, never through anything the learner's code can print.
//!
//! Each check becomes an ordinary `#[test]` (see [`crate::checks!`]), so plain
//! `cargo test -p <exercise>` still works. When the grader runs the test binary it
//! sets `GRADER_REPORT`; the harness then appends one signed [`grader_protocol::Record`]
//! a line to that file (`start`, `pass`, `fail` with its [`FailKind`], `panic` with its
//! origin, `timeline`); the protocol crate holds their types, shared with the grader.
//!
//! A `start` with no `pass` or `fail` after it means the check hung or the process died.
//! Every record also carries a MAC (`grader_protocol::sign`), keyed by the
//! token the grader left in `<report>.token`, which the harness reads and deletes
//! before any check runs. The token itself never sits in the file, so code under test
//! that reads the report (an exercise may allow `std::fs`) learns nothing that lets it
//! write a record the grader accepts.
//! A `panic` record's `origin` says where a panic happened: in a spawned tokio task or
//! `spawn_blocking` job (whose panic tokio caught), in a thread the learner's code
//! started, or in the check's own code.
//!
//! While a check runs under the grader, what the learner's code prints goes to the
//! file `<report>.<check>.out` (see [`output`]), so the grader can show it beside the
//! check it belongs to.

use std::cell::{Cell, RefCell};

use grader_protocol::{FailKind, PanicOrigin, Record};
use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, Once, OnceLock, PoisonError};

mod output;

/// The variable naming the report file.
pub const REPORT_ENV: &str = grader_protocol::REPORT_ENV;

/// Set by `grader check --timeline`: every run reports its timeline, passing or not.
pub const TIMELINES_ENV: &str = "GRADER_TIMELINES";

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
fn set_running(check: Option<&str>) {
    *RUNNING.lock().unwrap_or_else(PoisonError::into_inner) = check.map(str::to_string);
}

/// The check running under the grader, whatever thread asks.
fn running() -> Option<String> {
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// The grader's token for this process's records (see the module's notes), read once
/// from `<report>.token`, whose file is then deleted; empty when there is none.
fn token() -> &'static str {
    static TOKEN: OnceLock<String> = OnceLock::new();
    TOKEN.get_or_init(|| {
        let Some(mut path) = std::env::var_os(REPORT_ENV) else { return String::new() };
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

/// Runs one check and reports how it went. [`crate::checks!`] calls this; checks
/// don't call it directly.
///
/// `position` is the check's place in its `checks!` list, so the grader can show
/// checks in the order their author wrote them.
///
/// ```
/// workbook::harness::run_check("adds_up", line!(), || assert_eq!(1 + 1, 2));
/// ```
pub fn run_check(name: &str, position: u32, body: impl FnOnce()) {
    let report = std::env::var_os(REPORT_ENV);
    if report.is_some() {
        install_quiet_hook();
        // Read (and its file deleted) before the first check's code runs.
        token();
        // Under the grader checks run one at a time: a check started while another runs
        // was started by the code under test, to report a pass of its own making.
        if let Some(outer) = running() {
            panic!(
                "`{name}` was started while `{outer}` ran, by the code under test: a check never \
                 runs inside another. (`workbook::harness::run_check` is for `workbook::checks!`.)"
            );
        }
        set_running(Some(name));
    }
    CHECK.with(|c| *c.borrow_mut() = Some(name.to_string()));
    LESSON.with(|l| l.set(None));
    LAST_PANIC.with(|p| p.borrow_mut().take());
    crate::expected::reset();
    crate::findings::reset();
    write_record(Record::Start { check: name.to_string(), position });

    let capture = report.as_ref().map(|path| output::Capture::start(path, name));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        body();
        // What every run watches for, once the check's own assertions have passed.
        if let Some(lesson) = crate::findings::first() {
            crate::fail(lesson);
        }
    }));
    drop(capture);
    if report.is_some() {
        set_running(None);
    }
    CHECK.with(|c| c.borrow_mut().take());
    match outcome {
        Ok(()) => write_record(Record::Pass { check: name.to_string() }),
        Err(payload) => {
            let message = payload_text(payload.as_ref());
            let kind = LESSON.with(|l| l.replace(None)).unwrap_or(FailKind::Panic);
            let location = LAST_PANIC.with(|p| p.borrow_mut().take()).map(|(location, _)| location).unwrap_or_default();
            write_record(Record::Fail { check: name.to_string(), kind, location, message });
            panic::resume_unwind(payload);
        }
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        "the code panicked with a value that is not text".to_string()
    }
}

/// Under the grader, panics are reported through the file instead of being printed:
/// the grader shows them where they belong.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let location =
                info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_default();
            let message = info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let lesson = LESSON.with(|l| l.get()).is_some();
            if !lesson {
                // A panic in the learner's code: in the check's own code, which ends the
                // check, or in a task or thread, which ends only that.
                let own = current_check();
                let origin = if tokio::task::try_id().is_some() {
                    PanicOrigin::Task
                } else if own.is_none() {
                    PanicOrigin::Thread
                } else {
                    PanicOrigin::Check
                };
                let check = own.or_else(running).unwrap_or_default();
                write_record(Record::Panic { check, location: location.clone(), message: message.clone(), origin });
            }
            LAST_PANIC.with(|p| *p.borrow_mut() = Some((location, message)));
        }));
    });
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
    let Some(path) = std::env::var_os(REPORT_ENV) else { return };
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
