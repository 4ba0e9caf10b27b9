//! grader: expect compile-error "`let person = person.to_string();`"
//! Spawns one task per name on the borrowed item (`people: &[&str]`): each task must own
//! its own copy of its item, made inside the closure (the solution's `send_to_all`).
//! grader: replaces items

/// One task per person, all started before any is awaited; receipts in the order of
/// `people`.
pub async fn send_to_all(people: &[&str]) -> Vec<Receipt> {
    let tasks: Vec<JoinHandle<Receipt>> =
        people.iter().map(|person| tokio::spawn(async move { chat::send_message(person).await })).collect();
    let mut receipts = Vec::with_capacity(tasks.len());
    for task in tasks {
        receipts.push(task.await.expect("a task sending a message panicked"));
    }
    receipts
}
