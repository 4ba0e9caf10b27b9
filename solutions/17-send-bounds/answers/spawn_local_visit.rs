//! grader: expect fail visits_are_counted_side_by_side "LocalSet"
//! Keeps the guard across the fetch and swaps `tokio::spawn` for `tokio::task::spawn_local`,
//! which needs no `Send`, but only runs inside a `LocalSet`.
//! grader: replaces items

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::task::spawn_local(async move {
        let _page = web::fetch_page(&url).await;
        let mut visits = stats.visits.lock().unwrap();
        *visits.entry(url).or_default() += 1;
    })
}
