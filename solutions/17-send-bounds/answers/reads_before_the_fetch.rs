//! grader: expect fail visits_are_counted_side_by_side "a count was lost"
//! grader: expect fail a_visit_is_counted_under_one_lock "reading the count under the first and writing it under a later one"
//! The visit reads the count before it fetches and writes count + 1 after: two visits
//! of the same page both read 0, and both write 1.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;
use workbook::sim::web;

/// Visit counts per page, shared by every crawler task.
#[derive(Debug, Default)]
pub struct Stats {
    visits: Mutex<HashMap<String, u32>>,
}

impl Stats {
    /// How often `url` was visited.
    pub fn visits(&self, url: &str) -> u32 {
        self.visits.lock().unwrap().get(url).copied().unwrap_or(0)
    }
}

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let count = stats.visits(&url);
        let _page = web::fetch_page(&url).await;
        stats.visits.lock().unwrap().insert(url, count + 1);
    })
}

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let mut total = 0;
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                total += page.body.len();
            }
        }
        total
    })
}
