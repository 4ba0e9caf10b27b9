//! grader: expect fail returns_without_waiting_for_the_archive "never sent a message to them"
//! grader: expect fail archive_finishes_in_the_background "`message to Anna Herb ▶ sending`; yours never has it"
//! Makes the receipt by hand after sleeping the 2 s a send takes, instead of sending the message.
use workbook::sim::chat::{self, Receipt};
pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let first = first.to_string();
    let second = second.to_string();
    let first_task = tokio::spawn(async move { chat::send_message(&first).await });
    let second_task = tokio::spawn(async move { chat::send_message(&second).await });
    (first_task.await.expect("first send panicked"), second_task.await.expect("second send panicked"))
}

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


pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    tokio::spawn(async move { chat::archive_conversation(&with).await });
    tokio::time::sleep(chat::SEND_TIME).await;
    Receipt { to: to.to_string() }
}
