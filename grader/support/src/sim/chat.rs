//! A simulated chat service: sending a message takes 2 s, archiving a conversation 3 s.
//!
//! A run may make the messages to one person slower or faster with [`set_send_time`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

/// How long [`send_message`] takes: 2 s.
pub const SEND_TIME: Duration = Duration::from_secs(2);
/// How long [`archive_conversation`] takes: 3 s.
pub const ARCHIVE_TIME: Duration = Duration::from_secs(3);

thread_local! {
    static SEND_TIMES: RefCell<HashMap<String, Duration>> = RefCell::new(HashMap::new());
}

/// Forgets this module's per-run settings.
pub(crate) fn reset() {
    SEND_TIMES.with(|t| t.borrow_mut().clear());
}

/// Makes sending a message to `to` take `time` instead of [`SEND_TIME`], for the rest
/// of this run.
///
/// ```
/// use workbook::{millis, run, sim::chat};
///
/// let run = run(async {
///     chat::set_send_time("Anna Herb", millis(700));
///     chat::send_message("Anna Herb").await
/// });
/// run.assert_elapsed(millis(700));
/// ```
pub fn set_send_time(to: &str, time: Duration) {
    SEND_TIMES.with(|t| t.borrow_mut().insert(to.to_string(), time));
}

/// How long sending a message to `to` takes in this run: [`SEND_TIME`] unless
/// [`set_send_time`] said otherwise.
///
/// ```
/// assert_eq!(workbook::sim::chat::send_time("John Doe"), workbook::secs(2));
/// ```
pub fn send_time(to: &str) -> Duration {
    SEND_TIMES.with(|t| t.borrow().get(to).copied()).unwrap_or(SEND_TIME)
}

/// Proof that a message was delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// Who got the message.
    pub to: String,
}

/// Sends a message to `to`: takes 2 s (or what [`set_send_time`] set). Traced as actor
/// `message to <to>`.
///
/// ```
/// use workbook::{run, secs, sim::chat};
///
/// let run = run(chat::send_message("John Doe"));
/// assert_eq!(run.value.to, "John Doe");
/// run.assert_elapsed(secs(2));
/// ```
pub async fn send_message(to: &str) -> Receipt {
    super::wait(format!("message to {to}"), "sending", send_time(to), "delivered").await;
    Receipt { to: to.to_string() }
}

/// Copies the conversation with `with` to the archive: takes 3 s. Traced as actor
/// `archive <with>`.
///
/// ```
/// use workbook::{run, secs, sim::chat};
///
/// let run = run(chat::archive_conversation("Anna Herb"));
/// run.assert_elapsed(secs(3));
/// ```
pub async fn archive_conversation(with: &str) {
    super::wait(format!("archive {with}"), "start copying", ARCHIVE_TIME, "archived").await;
}
