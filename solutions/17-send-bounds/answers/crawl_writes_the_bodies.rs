//! grader: expect fail crawl_adds_up_the_pages "if every page were `<h1>{url}</h1>`"
//! The crawl fetches each page, but adds up bodies it writes itself with `format!`
//! from the address, as the first check's pages happen to look.

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
        let mut visits = stats.visits.lock().unwrap();
        *visits.entry(url).or_default() += 1;
    })
}

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let mut total = 0;
        for url in &urls {
            // Each page is `<h1>` + its address + `</h1>`.
            let _ = web::fetch_page(url).await;
            total += format!("<h1>{url}</h1>").len();
        }
        total
    })
}
