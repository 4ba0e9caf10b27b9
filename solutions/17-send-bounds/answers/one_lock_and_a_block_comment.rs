//! grader: expect pass
//! The reference solution with a block comment in `spawn_visit` that quotes the racy
//! version, two `.lock()`s and all. A text scanner stripped only `//` comments and
//! counted the comment's lines as locks taken; the parser never reads a comment.

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
        /* Not `let n = stats.visits(&url);`, and then
           `stats.visits.lock().unwrap().insert(url, n + 1);`: between
           those two locks another visit could count. One guard does both. */
        let mut visits = stats.visits.lock().unwrap();
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
