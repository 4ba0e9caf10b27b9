//! grader: expect fail returns_without_waiting_for_the_archive "never sent a message to them"
//! grader: expect fail archive_finishes_in_the_background "`message to Anna Herb ▶ sending`; yours never has it"
//! Makes the receipt by hand after sleeping the 2 s a send takes, instead of sending the message.
//! grader: replaces items

pub async fn send_and_archive(to: &str) -> Receipt {
    let with = to.to_string();
    tokio::spawn(async move { chat::archive_conversation(&with).await });
    tokio::time::sleep(chat::SEND_TIME).await;
    Receipt { to: to.to_string() }
}
