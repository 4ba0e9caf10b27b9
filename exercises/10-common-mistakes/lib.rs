//! Part of the grader's checks, like `Cargo.toml` and `checks/`: you don't edit this file.
//! Exercise 10 · common mistakes. The learner's code is `src/mistakes.rs`; the checks are
//! in `checks/checks.rs`. Both are part of this one crate, so a check costs one build.

#[path = "src/mistakes.rs"]
mod mistakes;
pub use mistakes::*;

#[cfg(test)]
#[path = "checks/checks.rs"]
mod checks;
