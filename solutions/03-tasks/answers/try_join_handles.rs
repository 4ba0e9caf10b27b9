//! grader: expect pass
//! Another correct answer: `tokio::try_join!` on the two handles, `try_join_all` on the Vec of handles (both keep input order), and the archive spawned through `Handle::current()`.
use workbook::sim::chat::{self, Receipt};

pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let (first, second) = (first.to_string(), second.to_string());
    let first_task = tokio::spawn(async move { chat::send_message(&first).await });
    let second_task = tokio::spawn(async move { chat::send_message(&second).await });
    tokio::try_join!(first_task, second_task).expect("a send panicked")
}

pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let handles: Vec<_> = people
        .iter()
        .map(|person| {
            let person = person.to_string();
            tokio::spawn(async move { chat::send_message(&person).await })
        })
        .collect();
    futures::future::try_join_all(handles).await.expect("a send panicked")
}

pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    let _detached = tokio::runtime::Handle::current().spawn(async move { chat::archive_conversation(&with).await });
    chat::send_message(to).await
}
