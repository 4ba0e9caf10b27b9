//! grader: expect pass
//! Another correct answer with plain `tokio::spawn`: the `JoinHandle`s raced with
//! `select_all` in a loop; the first page wins, and every handle still in the race is
//! aborted before returning (dropping a handle alone would leave its task running).
//! grader: replaces items

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut handles: Vec<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    while !handles.is_empty() {
        let (joined, _, rest) = futures::future::select_all(handles).await;
        handles = rest;
        if let Ok(page) = joined.expect("a fetch task panicked") {
            for handle in &handles {
                handle.abort();
            }
            return Some(page);
        }
    }
    None
}
