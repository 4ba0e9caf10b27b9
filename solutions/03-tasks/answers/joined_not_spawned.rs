//! grader: expect fail both_messages_take_two_seconds "0 task(s) spawned by send_to_both were alive"
//! grader: expect fail five_messages_take_two_seconds "0 task(s) spawned by send_to_all were alive"
//! Runs the sends together with `tokio::join!` and `join_all` on the send futures: concurrent, on time, but no task is ever spawned.
//! grader: replaces items

pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    tokio::join!(chat::send_message(first), chat::send_message(second))
}

pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    futures::future::join_all(people.iter().map(|person| chat::send_message(person))).await
}
