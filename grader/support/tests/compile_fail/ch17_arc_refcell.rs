// `Arc` is only `Send` when what it shares is `Sync`, and a `RefCell` is not.
use std::cell::RefCell;
use std::sync::Arc;

use workbook::sim::web;

fn main() {
    let history: Arc<RefCell<Vec<String>>> = Arc::default();
    let url = String::from("/a");
    // ANCHOR: task
    tokio::spawn(async move {
        let page = web::fetch_page(&url).await;
        history.borrow_mut().push(url); // Arc<RefCell<..>>: not Send
        page
    });
    // ANCHOR_END: task
}
