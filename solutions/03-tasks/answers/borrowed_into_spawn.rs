//! grader: expect compile-error "borrowed data escapes outside of function"
//! Spawns the archive future made from the borrowed `to: &str`: a task must own
//! everything it uses (`'static`), so this does not compile.
//! grader: replaces items

use workbook::sim::chat::{self, Receipt};

/// Spawns a future that borrows `to`.
pub async fn send_and_archive(to: &str) -> Receipt {
    tokio::spawn(chat::archive_conversation(to));
    chat::send_message(to).await
}
