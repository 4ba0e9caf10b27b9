//! grader: expect pass
//! Another correct answer: counts the visit first and lets the guard go at the end of its
//! own `{ }` block, before the `.await`; the crawl's total is an `Arc<AtomicUsize>` (thread-safe,
//! though nothing else shares it).
//! grader: replaces items

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        {
            let mut visits = stats.visits.lock().unwrap();
            *visits.entry(url.clone()).or_default() += 1;
        }
        let _page = web::fetch_page(&url).await;
    })
}

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let total = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                total.fetch_add(page.body.len(), std::sync::atomic::Ordering::Relaxed);
            }
        }
        total.load(std::sync::atomic::Ordering::Relaxed)
    })
}
