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

use grader_protocol::{PanicOrigin, Record};

use crate::checking;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

mod output;

/// The variable naming the report file.
pub const REPORT_ENV: &str = grader_protocol::REPORT_ENV;

/// Set by `grader check --timeline`: every run reports its timeline, passing or not.
pub const TIMELINES_ENV: &str = crate::checking::TIMELINES_ENV;

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
        checking::token();
        // Under the grader checks run one at a time: a check started while another runs
        // was started by the code under test, to report a pass of its own making.
        if let Some(outer) = checking::running() {
            panic!(
                "`{name}` was started while `{outer}` ran, by the code under test: a check never \
                 runs inside another. (`workbook::harness::run_check` is for `workbook::checks!`.)"
            );
        }
        checking::set_running(Some(name));
    }
    checking::begin(Some(name));
    crate::expected::reset();
    crate::findings::reset();
    checking::write_record(Record::Start { check: name.to_string(), position });

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
        checking::set_running(None);
    }
    checking::end();
    match outcome {
        Ok(()) => checking::write_record(Record::Pass { check: name.to_string() }),
        Err(payload) => {
            let message = payload_text(payload.as_ref());
            let kind = checking::take_lesson();
            let location = checking::take_panic_location();
            checking::write_record(Record::Fail { check: name.to_string(), kind, location, message });
            panic::resume_unwind(payload);
        }
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    crate::panic_message(payload).unwrap_or_else(|| "the code panicked with a value that is not text".to_string())
}

/// Under the grader, panics are reported through the file instead of being printed:
/// the grader shows them where they belong.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let location =
                info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_default();
            let message = crate::panic_message(info.payload()).unwrap_or_default();
            let lesson = checking::lesson_marked();
            if !lesson {
                // A panic in the learner's code: in the check's own code, which ends the
                // check, or in a task or thread, which ends only that.
                let own = checking::current_check();
                let origin = if tokio::task::try_id().is_some() {
                    PanicOrigin::Task
                } else if own.is_none() {
                    PanicOrigin::Thread
                } else {
                    PanicOrigin::Check
                };
                let check = own.or_else(checking::running).unwrap_or_default();
                checking::write_record(Record::Panic {
                    check,
                    location: location.clone(),
                    message: message.clone(),
                    origin,
                });
            }
            checking::note_panic(location, message);
        }));
    });
}
