//! The check harness: runs each check, and reports its verdict to the grader through
//! a file the grader names, never through anything the learner's code can print.
//!
//! Each check becomes an ordinary `#[test]` (see [`crate::checks!`]), so plain
//! `cargo test -p <exercise>` still works. When the grader runs the test binary it
//! sets `GRADER_REPORT`; the harness then appends one JSON line per event to that file:
//!
//! ```text
//! {"event":"start","check":"three_fetches_take_one_second"}
//! {"event":"pass","check":"three_fetches_take_one_second"}
//! {"event":"fail","check":"results_keep_input_order","kind":"lesson","message":"…"}
//! {"event":"panic","check":"…","location":"src/gather.rs:9:5","message":"…","origin":"task"}
//! ```
//!
//! A `start` with no `pass` or `fail` after it means the check hung or the process died.
//! Every record also carries a MAC of its fields (`grader_protocol::mac`), keyed by the
//! token the grader left in `<report>.token`, which the harness reads and deletes
//! before any check runs. The token itself never sits in the file, so code under test
//! that reads the report (an exercise may allow `std::fs`) learns nothing that lets it
//! write a record the grader accepts.
//! A `panic` record's `origin` says where a panic that did not end the check happened:
//! `task` (a spawned tokio task or `spawn_blocking` job, whose panic tokio caught) or
//! `thread` (a thread the learner's code started); empty for the check's own code.
//!
//! While a check runs under the grader, what the learner's code prints goes to the
//! file `<report>.<check>.out` (see [`output`]), so the grader can show it beside the
//! check it belongs to.

use std::cell::{Cell, RefCell};
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
    static LESSON: Cell<Option<&'static str>> = const { Cell::new(None) };
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
/// `kind` is `lesson`, or a more precise verdict: `blocked` or `deadlock`.
pub(crate) fn mark_lesson(kind: &'static str) {
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
    write_record(&[("event", "start"), ("check", name), ("position", &position.to_string())]);

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
        Ok(()) => write_record(&[("event", "pass"), ("check", name)]),
        Err(payload) => {
            let message = payload_text(payload.as_ref());
            let kind = LESSON.with(|l| l.replace(None)).unwrap_or("panic");
            let location = LAST_PANIC.with(|p| p.borrow_mut().take()).map(|(location, _)| location).unwrap_or_default();
            write_record(&[
                ("event", "fail"),
                ("check", name),
                ("kind", kind),
                ("location", &location),
                ("message", &message),
            ]);
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
                    "task"
                } else if own.is_none() {
                    "thread"
                } else {
                    ""
                };
                let check = own.or_else(running).unwrap_or_default();
                write_record(&[
                    ("event", "panic"),
                    ("check", &check),
                    ("location", &location),
                    ("message", &message),
                    ("origin", origin),
                ]);
            }
            LAST_PANIC.with(|p| *p.borrow_mut() = Some((location, message)));
        }));
    });
}

/// Ends the checks' process from another thread, reporting the running check as
/// failed with `kind` and `message`: the watchdog's way out when the check's thread is
/// stuck inside a poll and can't fail by itself. The grader runs the checks not yet
/// run in a new process.
pub(crate) fn abandon(kind: &str, message: &str) -> ! {
    match running() {
        Some(check) => write_record(&[
            ("event", "fail"),
            ("check", &check),
            ("kind", kind),
            ("location", ""),
            ("message", message),
        ]),
        None => {
            let _ = writeln!(std::io::stderr(), "{message}");
        }
    }
    std::process::exit(101)
}

pub(crate) fn write_record(fields: &[(&str, &str)]) {
    let Some(path) = std::env::var_os(REPORT_ENV) else { return };
    let mut line = String::from("{");
    // No secret in the file: a MAC of the fields, keyed by the token (see
    // `grader_protocol`), which only the harness holds.
    let mac = grader_protocol::mac(token(), fields);
    for (i, (key, value)) in fields.iter().chain([&(grader_protocol::MAC_FIELD, mac.as_str())]).enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&json_string(key));
        line.push(':');
        line.push_str(&json_string(value));
    }
    line.push_str("}\n");
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

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn json_strings_escape_quotes_newlines_and_controls() {
        assert_eq!(json_string("a\"b\\c\nd\u{1}"), r#""a\"b\\c\nd\u0001""#);
    }
}
