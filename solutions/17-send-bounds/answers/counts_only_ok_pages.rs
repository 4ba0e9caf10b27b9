//! grader: expect pass
//! Counts a visit only when the fetch succeeded (`if let Ok(..)`), under one guard that
//! is a temporary of its statement.
//! grader: replaces items

/// Fetches the page and counts the visit.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        if let Ok(_page) = web::fetch_page(&url).await {
            *stats.visits.lock().unwrap().entry(url).or_insert(0) += 1;
        }
    })
}
