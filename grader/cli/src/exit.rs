//! The grader's exit codes, by name.

use std::process::ExitCode;

/// Everything asked for passed (or the command had nothing to judge).
pub const PASSED: u8 = 0;
/// The learner's code is not there yet: a check failed, it did not compile, or it hung.
pub const NOT_YET: u8 = 1;
/// The command could not run: bad usage, an unknown exercise, a broken setup.
pub const SETUP: u8 = 2;

/// The outcome of a command, before it becomes an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Passed,
    /// Exit 1.
    NotYet,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Passed => PASSED,
            Outcome::NotYet => NOT_YET,
        })
    }
}
