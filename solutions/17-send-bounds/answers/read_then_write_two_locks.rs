//! grader: expect fail a_visit_is_counted_under_one_lock "takes the stats' lock 2 times"
//! The visit reads the count with `stats.visits(&url)`, then writes count + 1 under a
//! second lock: on a multi-thread runtime another visit can count in between.
//! grader: replaces items

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let _page = web::fetch_page(&url).await;
        let count = stats.visits(&url);
        stats.visits.lock().unwrap().insert(url, count + 1);
    })
}
