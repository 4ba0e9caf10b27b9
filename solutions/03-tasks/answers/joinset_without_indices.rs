//! grader: expect fail receipts_follow_the_order_of_people "That is the order the messages were delivered in"
//! Spawns the sends into a `JoinSet` without indices: the receipts come back in the order the messages are delivered.
//! grader: replaces items

pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let mut sends = tokio::task::JoinSet::new();
    for person in people {
        let person = person.to_string();
        sends.spawn(async move { chat::send_message(&person).await });
    }
    sends.join_all().await
}
