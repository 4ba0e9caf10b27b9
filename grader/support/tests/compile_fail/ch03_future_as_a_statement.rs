// A plain future as a statement is refused (the workbook denies `unused_must_use`),
// while a `tokio::spawn(..)` statement, whose `JoinHandle` is not `#[must_use]`, is not.
#![deny(unused_must_use)]

use workbook::sim::chat;

// ANCHOR: future_statement
async fn close_conversation(with: &str) {
    chat::archive_conversation(with); // a future, built and dropped: nothing is archived
}
// ANCHOR_END: future_statement

fn main() {
    drop(close_conversation("Anna Herb"));
}
