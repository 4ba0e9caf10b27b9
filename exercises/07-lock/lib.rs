//! Part of the grader's checks, like `Cargo.toml` and `checks/`: you don't edit this file.
//! Exercise 07 · lock. The learner's code is `src/lock.rs`; the checks are in
//! `checks/checks.rs`. Both are part of this one crate, so a check costs one build.

#[path = "src/lock.rs"]
mod lock;
pub use lock::*;

#[cfg(test)]
#[path = "checks/checks.rs"]
mod checks;
