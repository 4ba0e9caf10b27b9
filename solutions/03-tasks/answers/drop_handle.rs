//! grader: expect pass
//! Spawns the archive and drops its `JoinHandle` explicitly with `drop(..)`: the task
//! is detached and keeps running.

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

/// Drops the archive task's handle on purpose.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    drop(tokio::spawn(async move {
        chat::archive_conversation(&with).await
    }));
    chat::send_message(to).await
}
