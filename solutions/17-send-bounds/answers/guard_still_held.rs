//! grader: expect compile-error "MutexGuard"
//! Fixes the crawl, but still holds the std MutexGuard across the fetch.

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

/// Spawns a task that fetches `url` and counts the visit in `stats`. Many of these run
/// at once, one per page.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        // TODO: this guard stays alive across the `.await` below, so this task is not
        //       `Send`. Fetch first, then lock, count, and let the guard go.
        let mut visits = stats.visits.lock().unwrap();
        let _page = web::fetch_page(&url).await;
        *visits.entry(url).or_default() += 1;
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
