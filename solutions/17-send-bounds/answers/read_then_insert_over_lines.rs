//! grader: expect fail a_visit_is_counted_under_one_lock "takes the stats' lock 2 times"
//! Reads the count with `stats.visits(&url)`, then writes it under a second lock, the
//! call broken over several lines as a long chain may be: the write (`insert`) is not
//! on the line that takes the lock. The parser sees one call under that lock.

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
        let _page = web::fetch_page(&url).await;
        let seen = stats.visits(&url);
        stats
            .visits
            .lock()
            .unwrap()
            .insert(
                url,
                seen + 1,
            );
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
