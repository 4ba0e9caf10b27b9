// A `std::sync::MutexGuard` held across a fetch in a spawned task.
use std::sync::{Arc, Mutex};

use workbook::sim::web;

fn main() {
    let history: Arc<Mutex<Vec<String>>> = Arc::default();
    let url = String::from("/a");
    // ANCHOR: task
    tokio::spawn(async move {
        let mut seen = history.lock().unwrap();
        let page = web::fetch_page(&url).await;
        seen.push(url);
        page
    });
    // ANCHOR_END: task
}
