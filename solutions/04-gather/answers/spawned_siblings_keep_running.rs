//! grader: expect fail try_join_drops_siblings "kept running after it returned"
//! Spawns each fetch and try-joins the handles: returns in time, but the other fetches are never cancelled.
//! grader: replaces items

/// All pages, or the first error as soon as it happens; the other fetches are
/// dropped, which cancels them.
pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    // Spawned tasks: try_join_all returns at the first error, but dropping a
    // JoinHandle detaches its task instead of cancelling it.
    let handles = urls.iter().map(|url| {
        let url = url.to_string();
        async move { tokio::spawn(async move { web::fetch_page(&url).await }).await.expect("fetch task panicked") }
    });
    try_join_all(handles).await
}
