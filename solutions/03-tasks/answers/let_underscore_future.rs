//! grader: expect fail archive_finishes_in_the_background "builds it and drops it on the spot"
//! Writes `let _ = chat::archive_conversation(to);`, which makes the archive future and
//! drops it at once without polling it: the archive never runs.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Makes the archive future and throws it away.
// Clippy flags this mistake too (`let_underscore_future`); silenced so the fixture
// shows what the checks say about it.
#[allow(clippy::let_underscore_future)]
pub async fn send_and_archive(to: &str) -> Receipt {
    let _ = chat::archive_conversation(to);
    chat::send_message(to).await
}
