//! grader: expect fail archive_finishes_in_the_background "builds it and drops it on the spot"
//! Writes `let _ = chat::archive_conversation(to);`, which makes the archive future and
//! drops it at once without polling it: the archive never runs.

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

/// Makes the archive future and throws it away.
// Clippy flags this mistake too (`let_underscore_future`); silenced so the fixture
// shows what the checks say about it.
#[allow(clippy::let_underscore_future)]
pub async fn send_and_archive(to: &str) -> Receipt {
    let _ = chat::archive_conversation(to);
    chat::send_message(to).await
}
