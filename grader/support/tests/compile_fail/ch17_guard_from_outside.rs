// A guard taken outside the task and moved into it. With a std guard, rustc stops at
// `Send` (`captured value is not Send`); a `Send` guard would fail `'static` instead.
use std::sync::{Arc, Mutex};

use workbook::sim::web;

fn main() {
    let history: Arc<Mutex<Vec<String>>> = Arc::default();
    let url = String::from("/a");
    // ANCHOR: task
    let mut seen = history.lock().unwrap(); // taken here, outside the task...
    tokio::spawn(async move {
        let page = web::fetch_page(&url).await;
        seen.push(url); // ...and moved into it
        page
    });
    // ANCHOR_END: task
}
