//! grader: expect fail fastest_page_is_shown_first "that's gather, not as_completed"
//! grader: expect fail failures_are_shown_too "that's gather, not as_completed"
//! Spawns every fetch at once (good), then awaits the `JoinHandle`s in list order, so
//! the fast pages wait for the slow one ahead of them.
//! grader: replaces items

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let handles: Vec<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    for handle in handles {
        show(handle.await.expect("a fetch task panicked"));
    }
}
