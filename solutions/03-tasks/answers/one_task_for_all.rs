//! grader: expect fail five_messages_take_two_seconds "Every message should start sending at 0.000s"
//! grader: expect fail receipts_follow_the_order_of_people "The 5 calls ran one after another"
//! Spawns one task that sends every message in turn: the caller is free, but inside the task the sends still wait for each other.
//! grader: replaces items

pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let people: Vec<String> = people.iter().map(|p| p.to_string()).collect();
    let task = tokio::spawn(async move {
        let mut receipts = Vec::new();
        for person in &people {
            receipts.push(chat::send_message(person).await);
        }
        receipts
    });
    task.await.expect("the sending task panicked")
}
