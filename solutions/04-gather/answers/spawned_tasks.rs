//! grader: expect pass
//! Another correct answer: `tokio::join!` on the dashboard, and for `fetch_all`
//! one spawned task per page, awaited in input order (spawned tasks need owned data).
//! grader: replaces items

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    let handles: Vec<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    let mut outcomes = Vec::with_capacity(handles.len());
    for handle in handles {
        outcomes.push(handle.await.expect("a fetch task panicked"));
    }
    outcomes
}
