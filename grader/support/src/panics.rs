//! Panics of the learner's code, read as text: their message, and a call whose panics
//! with a known message become a lesson.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

/// A panic's message, where it is text (`panic!("…")`, `.expect("…")`, `.unwrap()` on an
/// error); `None` for a panic with another value (`panic_any(7)`).
pub fn panic_message(payload: &(dyn Any + Send)) -> Option<String> {
    payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
}

/// Calls the learner's synchronous `call`. Where it panics with a message that `lesson`
/// has words for (tokio's messages about runtimes, say), the check fails saying that
/// `what` panicked, what tokio said, and the lesson; any other panic goes on as it is.
pub fn call_explaining_panics<T>(
    what: &str,
    call: impl FnOnce() -> T,
    lesson: impl FnOnce(&str) -> Option<&'static str>,
) -> T {
    let payload = match panic::catch_unwind(AssertUnwindSafe(call)) {
        Ok(value) => return value,
        Err(payload) => payload,
    };
    let message = panic_message(payload.as_ref()).unwrap_or_default();
    match lesson(&message) {
        Some(lesson) => crate::fail(format!("{what} panicked. Tokio said:\n    {message}\n\n{lesson}")),
        None => panic::resume_unwind(payload),
    }
}
