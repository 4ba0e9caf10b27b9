//! Part of the grader's checks, like `Cargo.toml` and `checks/`: you don't edit this file.
//! Exercise 17 · Send bounds. The learner's code is `src/send_bounds.rs`; the checks are in
//! `checks/checks.rs`. Both are part of this one crate, so a check costs one build.

#[path = "src/send_bounds.rs"]
mod send_bounds;
pub use send_bounds::*;

#[cfg(test)]
#[path = "checks/checks.rs"]
mod checks;
