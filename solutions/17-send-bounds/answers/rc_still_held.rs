//! grader: expect compile-error "Rc<"
//! Fixes the visit, but the crawl still keeps an `Rc` alive across its `.await`s.

use std::collections::HashMap;
use std::rc::Rc;
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

/// Spawns a task that fetches every page in `urls`, one after another (each link is
/// found on the page before), and returns the total length of their bodies.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        // TODO: `Rc` is not `Send`, and this one lives across every `.await` of the loop.
        let total = Rc::new(std::cell::Cell::new(0));
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                total.set(total.get() + page.body.len());
            }
        }
        total.get()
    })
}
