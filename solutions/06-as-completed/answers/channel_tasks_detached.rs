//! grader: expect fail first_answer_wins "kept running after it returned"
//! grader: expect fail failed_fetches_are_skipped "kept running after it returned"
//! Spawns each fetch with `tokio::spawn`, sending its outcome on a channel, and returns
//! the first page off the channel: in time, but the handles were never kept, so the
//! other fetches run on to the end (their sends fail, unseen).
//! grader: replaces items

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for url in urls {
        let (url, tx) = (url.to_string(), tx.clone());
        tokio::spawn(async move {
            let _ = tx.send(web::fetch_page(&url).await);
        });
    }
    drop(tx);
    while let Some(outcome) = rx.recv().await {
        if let Ok(page) = outcome {
            return Some(page);
        }
    }
    None
}
