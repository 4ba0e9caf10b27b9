//! grader: expect fail five_messages_take_two_seconds "that is never collected"
//! grader: expect fail receipts_follow_the_order_of_people "The 5 calls ran one after another"
//! Builds the handles with a lazy `.map(|p| tokio::spawn(..))` and awaits them in a `for` loop: each task is spawned only when the loop reaches it.
//! grader: replaces items

pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let first = first.to_string();
    let second = second.to_string();
    let first_task = tokio::spawn(async move { chat::send_message(&first).await });
    let second_task = tokio::spawn(async move { chat::send_message(&second).await });
    (first_task.await.expect("first send panicked"), second_task.await.expect("second send panicked"))
}

pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let tasks = people.iter().map(|person| {
        let person = person.to_string();
        tokio::spawn(async move { chat::send_message(&person).await })
    });
    let mut receipts = Vec::new();
    for task in tasks {
        receipts.push(task.await.expect("a send panicked"));
    }
    receipts
}
