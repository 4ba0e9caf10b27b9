//! grader: expect fail both_messages_take_two_seconds "0 task(s) spawned by send_to_both were alive"
//! grader: expect fail five_messages_take_two_seconds "0 task(s) spawned by send_to_all were alive"
//! Runs the sends together with `tokio::join!` and `join_all` on the send futures: concurrent, on time, but no task is ever spawned.
use workbook::sim::chat::{self, Receipt};

pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    tokio::join!(chat::send_message(first), chat::send_message(second))
}

pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    futures::future::join_all(people.iter().map(|person| chat::send_message(person))).await
}

pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    tokio::spawn(async move { chat::archive_conversation(&with).await });
    chat::send_message(to).await
}
