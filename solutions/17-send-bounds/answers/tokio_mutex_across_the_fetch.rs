//! grader: expect fail visits_are_counted_side_by_side "The visits took turns"
//! Switches to `tokio::sync::Mutex`, which may be held across an `.await`, and holds it
//! across the fetch: it compiles, and the visits wait for each other.
//! grader: replaces items

use tokio::sync::Mutex;

impl Stats {
    /// How often `url` was visited.
    pub fn visits(&self, url: &str) -> u32 {
        self.visits.try_lock().expect("stats are busy").get(url).copied().unwrap_or(0)
    }
}

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut visits = stats.visits.lock().await;
        let _page = web::fetch_page(&url).await;
        *visits.entry(url).or_default() += 1;
    })
}
