//! A check that needs a real process of its own (to send it a signal, say) runs its own
//! test binary again, with only that check selected and a *role* in the environment.
//! In the child, the check sees [`role`] and plays that part instead; the parent
//! drives it from outside.
//!
//! ```no_run
//! use workbook::child;
//!
//! // Inside a check called `stops_on_ctrl_c`:
//! if child::role().as_deref() == Some("server") {
//!     // ... run the learner's program on a real runtime, then:
//!     std::process::exit(0);
//! }
//! let server = child::spawn("stops_on_ctrl_c", "server");
//! let output = server.wait_with_output().unwrap();
//! ```
//!
//! The child never writes to the grader's report: only the parent's verdict counts.

use std::process::{Child, Command, Stdio};

/// The variable that carries the role to the child.
pub const ROLE_ENV: &str = "WORKBOOK_CHILD_ROLE";

/// The role this process was started in by [`spawn`], or `None` in the parent.
///
/// ```
/// assert_eq!(workbook::child::role(), None);
/// ```
pub fn role() -> Option<String> {
    std::env::var(ROLE_ENV).ok()
}

/// Starts this test binary again, running only the check `check` (its name as written
/// in `checks!`), with [`role`] set to `role`. Its stdin is null; its stdout and stderr
/// are piped to the caller.
pub fn spawn(check: &str, role: &str) -> Child {
    let exe = std::env::current_exe().expect("can't find the running test binary");
    // libtest runs each test on a thread named after it: its full name (`checks::x`, or
    // `case_…::checks::x` when `grader verify` builds several cases as one crate).
    let own = format!("checks::{check}");
    let full = std::thread::current().name().filter(|name| name.ends_with(&own)).map_or(own.clone(), str::to_string);
    let mut command = Command::new(exe);
    command
        .args(["--exact", &full, "--nocapture", "--test-threads=1", "--quiet"])
        .env(ROLE_ENV, role)
        .env_remove(crate::harness::REPORT_ENV)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // The child plays a program started from a terminal, where Ctrl-C ends a process
    // that doesn't listen for it. A grader started in the background (`cmd &` in a
    // script, `nohup`) passes SIGINT on ignored, and an ignored signal stays ignored
    // across exec: put the default back, or Ctrl-C would be a no-op for every answer.
    #[cfg(unix)]
    // SAFETY: between fork and exec, only `signal`, which is async-signal-safe.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, || {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGQUIT, libc::SIG_DFL);
            Ok(())
        });
    }
    command.spawn().expect("can't start the check's own test binary again")
}
