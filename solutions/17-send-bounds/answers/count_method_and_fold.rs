//! grader: expect pass
//! Another correct answer: a `Stats::count` method that locks once and adds 1, called
//! after the fetch; the crawl folds the pages of a stream, one after another.
//! grader: replaces items

impl Stats {
    /// Counts one visit of `url`, under one lock.
    pub fn count(&self, url: String) {
        self.visits.lock().unwrap().entry(url).and_modify(|n| *n += 1).or_insert(1);
    }
}

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let _page = web::fetch_page(&url).await;
        stats.count(url);
    })
}

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        use futures::StreamExt;
        futures::stream::iter(urls)
            .then(|url| async move { web::fetch_page(&url).await })
            .fold(0, |total, page| async move { total + page.map_or(0, |page| page.body.len()) })
            .await
    })
}
