//! The grader's integration tests: the real `grader` binary, run on sandboxes that
//! copy a real exercise and replace the learner's file with a fixture, with a
//! scrubbed environment and `--color=never`. Output is snapshotted with timings and
//! paths redacted.

mod sandbox;

mod check;
mod concurrency;
mod errors;
mod grade;
mod hostile;
mod navigation;
mod new;
mod verify;
mod watch;
