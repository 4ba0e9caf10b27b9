//! A simulated chat service: sending a message takes 2 s, archiving a conversation 3 s.

use std::time::Duration;

/// How long [`send_message`] takes: 2 s.
pub const SEND_TIME: Duration = Duration::from_secs(2);
/// How long [`archive_conversation`] takes: 3 s.
pub const ARCHIVE_TIME: Duration = Duration::from_secs(3);

/// Proof that a message was delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// Who got the message.
    pub to: String,
}

/// Sends a message to `to`: takes 2 s. Traced as actor `message to <to>`.
///
/// ```
/// use workbook::{run, secs, sim::chat};
///
/// let run = run(chat::send_message("John Doe"));
/// assert_eq!(run.value.to, "John Doe");
/// run.assert_elapsed(secs(2));
/// ```
pub async fn send_message(to: &str) -> Receipt {
    super::wait(format!("message to {to}"), "sending", SEND_TIME, "delivered").await;
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
