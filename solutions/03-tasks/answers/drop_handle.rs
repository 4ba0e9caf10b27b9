//! grader: expect pass
//! Spawns the archive and drops its `JoinHandle` explicitly with `drop(..)`: the task
//! is detached and keeps running.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Drops the archive task's handle on purpose.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    drop(tokio::spawn(async move {
        chat::archive_conversation(&with).await
    }));
    chat::send_message(to).await
}
