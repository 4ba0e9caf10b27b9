//! grader: expect fail visits_are_counted_side_by_side "a count was lost"
//! grader: expect fail a_visit_is_counted_under_one_lock "reading the count under the first and writing it under a later one"
//! The visit reads the count before it fetches and writes count + 1 after: two visits
//! of the same page both read 0, and both write 1.
//! grader: replaces items

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let count = stats.visits(&url);
        let _page = web::fetch_page(&url).await;
        stats.visits.lock().unwrap().insert(url, count + 1);
    })
}
