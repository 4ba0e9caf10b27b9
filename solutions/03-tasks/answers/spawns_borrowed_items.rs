//! grader: expect compile-error "`let person = person.to_string();`"
//! Spawns one task per name on the borrowed item (`people: &[&str]`): each task must own
//! its own copy of its item, made inside the closure (the solution's `send_to_all`).

use tokio::task::JoinHandle;
use workbook::sim::chat::{self, Receipt};

/// Both sends run as tasks at once: 2 s in all.
pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    // A task may outlive this call, so it can't borrow `first`: it gets its own String.
    let first = first.to_string();
    let second = second.to_string();
    let first_task = tokio::spawn(async move { chat::send_message(&first).await });
    let second_task = tokio::spawn(async move { chat::send_message(&second).await });
    // Both tasks are running already; awaiting the handles in turn costs no extra time.
    let first_receipt = first_task.await.expect("the task sending the first message panicked");
    let second_receipt = second_task.await.expect("the task sending the second message panicked");
    (first_receipt, second_receipt)
}

/// One task per person, all started before any is awaited; receipts in the order of
/// `people`.
pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let tasks: Vec<JoinHandle<Receipt>> =
        people.iter().map(|person| tokio::spawn(async move { chat::send_message(person).await })).collect();
    let mut receipts = Vec::with_capacity(tasks.len());
    for task in tasks {
        receipts.push(task.await.expect("a task sending a message panicked"));
    }
    receipts
}

/// Returns the receipt after 2 s; the archiving task carries on and ends at 3 s.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    // The JoinHandle is dropped at once: that detaches the task, it doesn't cancel it.
    // (`JoinHandle` is not `#[must_use]`, so this statement compiles without a warning.)
    tokio::spawn(async move { chat::archive_conversation(&with).await });
    chat::send_message(to).await
}
