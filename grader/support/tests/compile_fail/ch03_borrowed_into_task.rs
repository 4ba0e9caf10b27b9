// A spawned task may outlive the function that spawned it, so its future can't borrow
// the function's `&str` argument: `tokio::spawn` wants `'static`.
use workbook::sim::chat::{self, Receipt};

// ANCHOR: borrowed
async fn send_to(person: &str) -> Receipt {
    tokio::spawn(chat::send_message(person)).await.expect("the send panicked")
}
// ANCHOR_END: borrowed

fn main() {
    drop(send_to("John Doe"));
}
