//! grader: expect fail archive_finishes_in_the_background "`handle.abort()` cancels a task"
//! Spawns the archive, sends the message, then calls `abort()` on the archive's
//! handle before returning, which cancels the archive at 2 s.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Aborts the archive task when the message is delivered.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    let archive = tokio::spawn(async move { chat::archive_conversation(&with).await });
    let receipt = chat::send_message(to).await;
    archive.abort();
    receipt
}
