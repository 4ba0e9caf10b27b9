//! grader: expect fail returns_without_waiting_for_the_archive "the caller also waited for the archive"
//! grader: expect fail archive_finishes_in_the_background "`send_and_archive • returned the receipt`; yours has it at 3.000s instead"
//! Spawns the archive, sends the message, then awaits the archive's handle before
//! returning: both overlap, but the caller gets its receipt at 3 s instead of 2 s.

use workbook::sim::chat::{self, Receipt};

/// Correct: both sends run as tasks.
pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let first = first.to_string();
    let second = second.to_string();
    let first_task = tokio::spawn(async move { chat::send_message(&first).await });
    let second_task = tokio::spawn(async move { chat::send_message(&second).await });
    (
        first_task.await.expect("the first send panicked"),
        second_task.await.expect("the second send panicked"),
    )
}

/// Correct: one task per person, handles awaited in order.
pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let tasks: Vec<_> = people
        .iter()
        .map(|person| {
            let person = person.to_string();
            tokio::spawn(async move { chat::send_message(&person).await })
        })
        .collect();
    let mut receipts = Vec::new();
    for task in tasks {
        receipts.push(task.await.expect("a send panicked"));
    }
    receipts
}

/// Waits for the archive task before returning.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    let archive = tokio::spawn(async move { chat::archive_conversation(&with).await });
    let receipt = chat::send_message(to).await;
    archive.await.expect("the archive panicked");
    receipt
}
