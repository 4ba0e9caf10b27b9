//! grader: expect pass
//! Another correct answer: the crawl's total in an `Arc<Mutex<usize>>` (more than it
//! needs), locked in a block of its own after each fetch so no guard lives across an
//! `.await`; the visit counts in a helper `fn` that takes the lock once.
//! grader: replaces items

/// Counts one visit of `url`, under one lock.
fn count(stats: &Stats, url: String) {
    let mut visits = stats.visits.lock().unwrap();
    *visits.entry(url).or_default() += 1;
}

/// Fetches the page, then counts the visit.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let _page = web::fetch_page(&url).await;
        count(&stats, url);
    })
}

/// Fetches the pages one after another and adds up the lengths of their bodies.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let total = Arc::new(Mutex::new(0));
        for url in &urls {
            let page = web::fetch_page(url).await;
            {
                let mut sum = total.lock().unwrap();
                *sum += page.map_or(0, |page| page.body.len());
            }
        }
        let sum = *total.lock().unwrap();
        sum
    })
}
