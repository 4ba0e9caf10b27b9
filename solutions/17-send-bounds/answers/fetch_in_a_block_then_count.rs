//! grader: expect pass
//! Another correct answer: the fetch's result is matched (an error page counts as a
//! visit too), the count uses `get_mut` or `insert` under one guard, and the crawl keeps
//! the lengths in a `Vec` and sums them at the end.

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
        match web::fetch_page(&url).await {
            Ok(_) | Err(_) => {}
        }
        let mut visits = stats.visits.lock().unwrap();
        match visits.get_mut(&url) {
            Some(n) => *n += 1,
            None => {
                visits.insert(url, 1);
            }
        }
    })
}

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let mut lengths = Vec::new();
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                lengths.push(page.body.len());
            }
        }
        lengths.iter().sum()
    })
}
