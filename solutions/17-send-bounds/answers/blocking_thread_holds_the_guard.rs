//! grader: expect fail visits_are_counted_side_by_side "waits synchronously for async work"
//! Keeps the guard across the fetch, and makes it compile by running the visit on a
//! blocking thread (`spawn_blocking`), which needs no `Send` future: the fetch runs with
//! `Handle::block_on` while the thread holds the lock, so the visits take turns.
//! grader: replaces items

/// Fetches the page and counts the visit, holding the lock throughout.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let mut visits = stats.visits.lock().unwrap();
        let _page = runtime.block_on(web::fetch_page(&url));
        *visits.entry(url).or_default() += 1;
    })
}
