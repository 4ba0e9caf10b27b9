//! grader: expect fail five_messages_take_two_seconds "that is never collected"
//! grader: expect fail receipts_follow_the_order_of_people "The 5 calls ran one after another"
//! Builds the handles with a lazy `.map(|p| tokio::spawn(..))` and awaits them in a `for` loop: each task is spawned only when the loop reaches it.
//! grader: replaces items

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
