//! Support for the async workbook's exercises and their checks.
//!
//! - [`sim`]: simulated services (a web server, a database, a chat service, a café,
//!   a weather station, a blocking legacy library). They wait in tokio time and record
//!   what they do in a [`trace`].
//! - [`run`]: runs a future on a current-thread runtime with the clock paused, and
//!   returns its value, the exact virtual time, the real time and the trace.
//! - Assertions on a [`Run`] whose failure messages are lessons, with a [`timeline`]
//!   picture, and [`assert_trace!`] for trace snapshots through insta.
//! - [`checks!`]: declares an exercise's checks, reporting to the grader.
//!
//! ```
//! use workbook::{run, secs, sim::web};
//!
//! let run = run(async {
//!     let (a, b) = tokio::join!(web::fetch_page("/a"), web::fetch_page("/b"));
//!     (a.unwrap(), b.unwrap())
//! });
//! run.assert_elapsed(secs(1)); // fetched together: 1 s, not 2 s
//! ```
//!
//! This crate never depends on the grader's CLI.

mod assertions;
mod checking;
pub mod child;
pub mod expected;
mod findings;
pub mod harness;
pub mod heartbeat;
mod panics;
mod run;
mod runner;
pub mod sim;
pub mod source;
pub mod story;
mod time;
mod timeline;
pub mod trace;
mod watchdog;

pub use assertions::{ensure, fail};
pub use findings::{POLL_LIMIT, allow_timer_wakeups, allow_work_after_return};
pub use panics::{call_explaining_panics, panic_message};
pub use run::{AFTER_RETURN, REAL_BUDGET, Run, VIRTUAL_DEADLINE};
pub use runner::{run, then_idle};
pub use time::{format_real, format_secs, millis, secs};
pub use timeline::timeline;

#[doc(hidden)]
pub use assertions::compare_trace;
#[doc(hidden)]
pub use insta as __insta;

/// Declares an exercise's checks. Each `fn` becomes a `#[test]` that reports its
/// verdict to the grader (see [`harness`]).
///
/// ```
/// workbook::checks! {
///     fn one_second_is_one_second() {
///         let run = workbook::run(tokio::time::sleep(workbook::secs(1)));
///         run.assert_elapsed(workbook::secs(1));
///     }
/// }
/// ```
#[macro_export]
macro_rules! checks {
    (@order $index:expr; $(#[$meta:meta])* fn $name:ident() $body:block $($rest:tt)*) => {
        $(#[$meta])*
        #[test]
        fn $name() {
            // `$index` is the check's position in the list, so the grader can show
            // checks in the order they were written.
            $crate::harness::run_check(stringify!($name), $index, || $body)
        }
        $crate::checks!(@order $index + 1; $($rest)*);
    };
    (@order $index:expr;) => {};
    ($($rest:tt)*) => {
        $crate::checks!(@order 0u32; $($rest)*);
    };
}

/// Compares a run's trace ([canonical](trace::Trace::canonical)) with the snapshot `checks/snapshots/<name>.snap` of the
/// calling crate. On a mismatch the message shows both tables and both timelines.
///
/// Snapshots are ordinary insta snapshots: an instructor creates or updates them with
/// `cargo insta test -p <exercise> --review`. Under the grader a missing snapshot is a
/// failure, never created on the fly.
///
/// ```no_run
/// let run = workbook::run(workbook::sim::web::fetch_page("/a"));
/// workbook::assert_trace!(run, "one_fetch");
/// ```
#[macro_export]
macro_rules! assert_trace {
    ($run:expr, $name:literal) => {{
        let run = &$run;
        let dir = ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checks").join("snapshots");
        let file = dir.join(concat!($name, ".snap"));
        let grader = ::std::env::var_os($crate::harness::REPORT_ENV).is_some();
        match $crate::compare_trace(&file, &run.trace, run.virtual_elapsed) {
            None if file.exists() => {}
            Some(lesson) if grader => $crate::fail(lesson),
            None if grader => $crate::fail(format!(
                "The stored trace `{}` is missing, so this check can't compare your trace with it. \
                 Restore it with `git checkout -- {}`.",
                $name,
                file.display()
            )),
            difference => {
                if let Some(lesson) = difference {
                    eprintln!("{lesson}");
                }
                let table = run.trace.canonical().table();
                let mut settings = $crate::__insta::Settings::clone_current();
                settings.set_snapshot_path(&dir);
                settings.set_prepend_module_to_snapshot(false);
                settings.set_omit_expression(true);
                settings.bind(|| $crate::__insta::assert_snapshot!($name, table));
            }
        }
    }};
}
