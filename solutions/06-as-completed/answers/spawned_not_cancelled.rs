//! grader: expect fail first_answer_wins "kept running after it returned"
//! grader: expect fail failed_fetches_are_skipped "kept running after it returned"
//! Spawns every fetch and races the `JoinHandle`s: the first page comes back in time, but
//! dropping a handle detaches its task, so the other fetches run on.
//! grader: replaces items

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut handles: FuturesUnordered<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    while let Some(joined) = handles.next().await {
        if let Ok(page) = joined.expect("a fetch task panicked") {
            return Some(page);
        }
    }
    None
}
