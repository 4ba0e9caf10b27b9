//! grader: expect compile-error "futures do nothing unless you `.await` or poll them"
//! Calls `chat::archive_conversation(to);` as a statement, as one would call a
//! function in Python: the future is never used, which the workspace denies.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Calls the archive like a plain function.
pub async fn send_and_archive(to: &str) -> Receipt {
    chat::archive_conversation(to);
    chat::send_message(to).await
}
