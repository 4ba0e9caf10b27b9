//! grader: expect compile-error "future cannot be sent between threads safely"
//! Counts the visit first and lets the guard go with an explicit `drop` before the
//! `.await`. The lock is released in time, but the compiler still counts the variable
//! as alive until the end of its scope, so the task is not `Send`.
//! grader: replaces items

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut visits = stats.visits.lock().unwrap();
        *visits.entry(url.clone()).or_default() += 1;
        drop(visits);
        let _page = web::fetch_page(&url).await;
    })
}
