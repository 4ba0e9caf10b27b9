//! grader: expect pass
//! The reference solution with a block comment in `spawn_visit` that quotes the racy
//! version, two `.lock()`s and all. A text scanner stripped only `//` comments and
//! counted the comment's lines as locks taken; the parser never reads a comment.
//! grader: replaces items

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
