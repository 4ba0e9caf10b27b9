//! grader: expect fail archive_finishes_in_the_background "cancels the task before it ever runs"
//! Spawns the archive and calls `abort()` on the handle straight away, meaning to
//! "let go" of it: the task is cancelled before its first poll and never starts.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Aborts the archive task as soon as it is spawned.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    tokio::spawn(async move { chat::archive_conversation(&with).await }).abort();
    chat::send_message(to).await
}
