//! grader: expect fail returns_without_waiting_for_the_archive "the caller also waited for the archive"
//! grader: expect fail archive_finishes_in_the_background "`send_and_archive • returned the receipt`; yours has it at 3.000s instead"
//! Spawns the archive, sends the message, then awaits the archive's handle before
//! returning: both overlap, but the caller gets its receipt at 3 s instead of 2 s.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Waits for the archive task before returning.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    let archive = tokio::spawn(async move { chat::archive_conversation(&with).await });
    let receipt = chat::send_message(to).await;
    archive.await.expect("the archive panicked");
    receipt
}
