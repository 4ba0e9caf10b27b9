//! grader: expect fail both_messages_take_two_seconds "to Anna Herb: started sending at 2.000s"
//! grader: expect fail five_messages_take_two_seconds "to Emil Stone: started sending at 8.000s"
//! grader: expect fail receipts_follow_the_order_of_people "it took 10.000s"
//! Awaits each send before making the next, without tasks: the notes' "how not to do
//! it" (4 s for two messages instead of 2 s). send_and_archive is correct.
//! grader: replaces items

/// Sends one message, then the other.
pub async fn send_to_both(first: &str, second: &str) -> (Receipt, Receipt) {
    let first_receipt = chat::send_message(first).await;
    let second_receipt = chat::send_message(second).await;
    (first_receipt, second_receipt)
}

/// Sends the messages one by one.
pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let mut receipts = Vec::new();
    for person in people {
        receipts.push(chat::send_message(person).await);
    }
    receipts
}
