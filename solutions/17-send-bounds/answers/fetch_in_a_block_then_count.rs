//! grader: expect pass
//! Another correct answer: the fetch's result is matched (an error page counts as a
//! visit too), the count uses `get_mut` or `insert` under one guard, and the crawl keeps
//! the lengths in a `Vec` and sums them at the end.
//! grader: replaces items

/// Fetches first, with nothing locked; then counts under a lock whose guard ends with
/// its block, before anything else is awaited.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        match web::fetch_page(&url).await {
            Ok(_) | Err(_) => {}
        }
        let mut visits = stats.visits.lock().unwrap();
        match visits.get_mut(&url) {
            Some(n) => *n += 1,
            None => {
                visits.insert(url, 1);
            }
        }
    })
}

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let mut lengths = Vec::new();
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                lengths.push(page.body.len());
            }
        }
        lengths.iter().sum()
    })
}
