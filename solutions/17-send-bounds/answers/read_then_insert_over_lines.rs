//! grader: expect fail a_visit_is_counted_under_one_lock "takes the stats' lock 2 times"
//! Reads the count with `stats.visits(&url)`, then writes it under a second lock, the
//! call broken over several lines as a long chain may be: the write (`insert`) is not
//! on the line that takes the lock. The parser sees one call under that lock.
//! grader: replaces items

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
