//! grader: expect fail archive_finishes_in_the_background "It started only once the message"
//! Sends the message first and spawns the archive only after the delivery: the
//! caller returns at 2 s, but the archive runs from 2 s to 5 s.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Spawns the archive once the message is delivered.
pub async fn send_and_archive(to: &str) -> Receipt {
    let receipt = chat::send_message(to).await;
    let with = to.to_string();
    tokio::spawn(async move { chat::archive_conversation(&with).await });
    receipt
}
