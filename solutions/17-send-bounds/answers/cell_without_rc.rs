//! grader: expect pass
//! Another correct answer: a `Cell` without the `Rc` is `Send` (it may move to another
//! thread, it just can't be shared between threads), and the guard is a temporary that
//! ends with its statement.
//! grader: replaces items

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let _page = web::fetch_page(&url).await;
        *stats.visits.lock().unwrap().entry(url).or_default() += 1;
    })
}

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let total = std::cell::Cell::new(0);
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                total.set(total.get() + page.body.len());
            }
        }
        total.get()
    })
}
