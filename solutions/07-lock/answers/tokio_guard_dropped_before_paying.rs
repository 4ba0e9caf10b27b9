//! grader: expect pass
//! Another correct answer: one `tokio::sync::Mutex` guard for the read and the write,
//! let go with `drop` before the payment's `.await`.
//! grader: based on guard_kept_while_paying
//! grader: replaces `tally.write(buyer, sold + 1);` with `tally.write(buyer, sold + 1); drop(tally);`
