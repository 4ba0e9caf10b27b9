//! grader: expect pass
//! Another correct answer: the handles go into a `FuturesOrdered`, which yields in the order they were pushed; the send in `send_and_archive` is a task too, spawned before the archive.
use futures::StreamExt as _;
use workbook::sim::chat::{self, Receipt};

pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let [first_task, second_task] = [first, second].map(|person| {
        let person = person.to_string();
        tokio::spawn(async move { chat::send_message(&person).await })
    });
    (first_task.await.expect("the first send panicked"), second_task.await.expect("the second send panicked"))
}

pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let ordered: futures::stream::FuturesOrdered<_> = people
        .iter()
        .map(|person| {
            let person = person.to_string();
            tokio::spawn(async move { chat::send_message(&person).await })
        })
        .collect();
    ordered.map(|joined| joined.expect("a send panicked")).collect().await
}

pub async fn send_and_archive(to: &str) -> Receipt {
    let send = tokio::spawn({
        let to = to.to_string();
        async move { chat::send_message(&to).await }
    });
    let with = to.to_string();
    tokio::spawn(async move { chat::archive_conversation(&with).await });
    send.await.expect("the send panicked")
}
