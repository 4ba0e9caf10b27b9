//! # 17 · Send bounds: what a spawned task may hold across an `.await`
//!
//! This file does not compile yet, on purpose: reading rustc's error is the first step.
//!
//! `tokio::spawn` may run a task on any of the runtime's threads, and move it from one
//! thread to another at any `.await`. So everything a task keeps alive across an
//! `.await` must be `Send`: safe to hand to another thread. Python never asks, because
//! its event loop runs every task on one thread. Two things here are not `Send`:
//!
//! - `Rc` (a reference-counted pointer whose count is not thread-safe: use `Arc`);
//! - `std::sync::MutexGuard` (a std lock must be released on the thread that took it).
//!
//! Run `grader check 17`: it shows rustc's error, what is held across which `.await`,
//! and what to do. The chapter is `docs/src/17-send-bounds.md`.

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
