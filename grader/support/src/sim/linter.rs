//! A simulated linter, in the spirit of Python's `isort.check_file`: [`check_file`]
//! is an ordinary synchronous library call. It holds the calling thread while it reads
//! and checks the file, and has no `.await` anywhere inside.
//!
//! Wrapping it in an `async fn` changes nothing: the call still holds whichever thread
//! runs it, and in async code that is the runtime's thread, so every other task waits.
//! It belongs in `tokio::task::spawn_blocking`, which runs it on a thread of tokio's
//! blocking pool while the runtime carries on.
//!
//! The linter has no per-run settings: it runs on blocking-pool threads, which would
//! not see a setting stored in the run's thread. What it finds depends on the path
//! alone (see [`check_file`]).

use std::time::Duration;

use crate::trace::Span;

/// How long [`check_file`] holds the thread, in real time: 300 ms. No tokio time
/// passes while it does.
///
/// ```
/// assert_eq!(workbook::sim::linter::CHECK_TIME, workbook::millis(300));
/// ```
pub const CHECK_TIME: Duration = Duration::from_millis(300);

/// The problem [`check_file`] reports in a file whose path contains `unsorted`.
///
/// ```
/// assert_eq!(workbook::sim::linter::UNSORTED_IMPORTS, "imports are not sorted");
/// ```
pub const UNSORTED_IMPORTS: &str = "imports are not sorted";

/// Forgets this module's per-run settings (it has none; see the module docs).
pub(crate) fn reset() {}

/// What [`check_file`] found in one file.
///
/// ```
/// use workbook::sim::linter::LintReport;
///
/// let report = LintReport { path: "src/main.rs".to_string(), problems: Vec::new() };
/// assert!(report.is_clean());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintReport {
    /// The file that was checked.
    pub path: String,
    /// What is wrong with it, one line per problem; empty when the file is clean.
    pub problems: Vec<String>,
}

impl LintReport {
    /// Whether the linter found nothing to complain about.
    ///
    /// ```
    /// use workbook::sim::linter::LintReport;
    ///
    /// let report = LintReport { path: "src/unsorted.rs".to_string(), problems: vec!["imports are not sorted".to_string()] };
    /// assert!(!report.is_clean());
    /// ```
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// How long [`check_file`] holds the thread on `path`: [`CHECK_TIME`] (300 ms), and
/// twice that (600 ms) for a path ending in `main.rs`, the biggest file. Files linted
/// at the same time so finish in an order of their own, not the order they started.
///
/// ```
/// use workbook::{millis, sim::linter};
///
/// assert_eq!(linter::check_time("src/lib.rs"), millis(300));
/// assert_eq!(linter::check_time("src/main.rs"), millis(600));
/// ```
pub fn check_time(path: &str) -> Duration {
    if path.ends_with("main.rs") { CHECK_TIME * 2 } else { CHECK_TIME }
}

/// Checks the file at `path`: a synchronous call that holds the calling thread for
/// [`check_time`] (300 ms, 600 ms for `main.rs`) of real time. A path containing `unsorted` gets one problem,
/// [`UNSORTED_IMPORTS`]; every other file is clean. Traced as actor `check_file <path>`,
/// from `linting (holds the thread)` to the outcome.
///
/// Run it with `tokio::task::spawn_blocking`, which needs owned data (`'static`):
/// give the closure its own `String`, not the borrowed `&str`.
///
/// ```
/// use workbook::sim::linter;
///
/// let run = workbook::run(async {
///     let path = "src/unsorted.rs".to_string();
///     tokio::task::spawn_blocking(move || linter::check_file(&path)).await.unwrap()
/// });
/// assert_eq!(run.value.problems, [linter::UNSORTED_IMPORTS]);
/// // The work happened on a blocking-pool thread: the runtime's own thread was free.
/// assert!(!run.blocked());
/// ```
pub fn check_file(path: &str) -> LintReport {
    if crate::trace::current().is_none() {
        OFF_THE_RECORD.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(path.to_string());
    }
    let span = Span::begin(format!("check_file {path}"), "linting (holds the thread)");
    std::thread::sleep(check_time(path));
    let problems: Vec<String> = if path.contains("unsorted") { vec![UNSORTED_IMPORTS.to_string()] } else { Vec::new() };
    match problems.first() {
        None => span.end("clean"),
        Some(problem) => span.end(&format!("1 problem: {problem}")),
    }
    LintReport { path: path.to_string(), problems }
}

/// The paths of the [`check_file`] calls made off the record, on a thread no run's trace
/// covers (a `std::thread::spawn` of the caller's own: the trace covers the runtime's
/// thread and tokio's blocking pool), in order, since the process started.
static OFF_THE_RECORD: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// The paths [`check_file`] was called on from a thread that no run's trace covers,
/// such as a thread of the caller's own, in order, since the process started: a
/// check compares the list's length before and after a run.
///
/// ```
/// use workbook::sim::linter;
///
/// let before = linter::checked_off_the_record().len();
/// let run = workbook::run(async {
///     std::thread::spawn(|| linter::check_file("src/own.rs")).join().unwrap()
/// });
/// assert!(run.trace.events().is_empty());
/// assert_eq!(linter::checked_off_the_record()[before..], ["src/own.rs"]);
/// ```
pub fn checked_off_the_record() -> Vec<String> {
    OFF_THE_RECORD.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
}
