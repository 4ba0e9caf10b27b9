//! # 03 · tasks: start work now, collect it later
//!
//! Python's `asyncio.create_task(coro)` hands a coroutine to the event loop, which
//! starts running it while you carry on; `await task` later gives you its result.
//! Tokio's counterpart is `tokio::spawn(future)`, which returns a `JoinHandle`:
//! awaiting the handle gives you the task's result.
//!
//! The chat service here is slow: `chat::send_message` takes 2 s and
//! `chat::archive_conversation` takes 3 s. The functions below await every call
//! before making the next one, so the waits add up. Make them run as tasks:
//!
//! - `send_to_both`: both messages in 2 s, not 4 s;
//! - `send_to_all`: any number of messages in 2 s, receipts in the order of `people`;
//! - `send_and_archive`: return the receipt after 2 s, while the archiving carries on
//!   in the background and still finishes at 3 s.
//!
//! The checks measure exact (virtual) time and compare the order of events with a
//! correct solution's. Run `grader check 03` to see how your code ran, and
//! `grader hint 03` when stuck. The chapter is `docs/src/03-tasks.md`.

use workbook::sim::chat::{self, Receipt};

/// Sends a message to `first` and one to `second`, and returns both receipts in that
/// order. The two sends don't depend on each other.
pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    // TODO: the second send starts only when the first is delivered (2 s + 2 s).
    //       Spawn both sends as tasks first, then await their handles.
    let first_receipt = chat::send_message(first).await;
    let second_receipt = chat::send_message(second).await;
    (first_receipt, second_receipt)
}

/// Sends a message to everyone in `people`, and returns the receipts in the order of
/// `people`.
pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    // TODO: one task per person, all started before any is awaited.
    let mut receipts = Vec::new();
    for person in people {
        receipts.push(chat::send_message(person).await);
    }
    receipts
}

/// Sends a message to `to` and archives the conversation with `to`. Returns the
/// receipt as soon as the message is delivered: the archiving goes on in the
/// background, and nobody waits for it.
pub async fn send_and_archive(to: &str) -> Receipt {
    // TODO: the caller waits for the archive too (2 s + 3 s). Start the archiving as
    //       a task that nobody awaits, then send the message.
    let receipt = chat::send_message(to).await;
    chat::archive_conversation(to).await;
    receipt
}
