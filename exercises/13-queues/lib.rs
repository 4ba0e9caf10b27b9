//! Part of the grader's checks, like `Cargo.toml` and `checks/`: you don't edit this file.
//! Exercise 13 · queues. The learner's code is `src/queues.rs`; the checks are in
//! `checks/checks.rs`. Both are part of this one crate, so a check costs one build.

#[path = "src/queues.rs"]
mod queues;
pub use queues::*;

#[cfg(test)]
#[path = "checks/checks.rs"]
mod checks;
