//! grader: expect fail results_keep_input_order "A possible cause: a deadline of your own"
//! "Nobody waits forever for a page": each fetch gets 10 s (`tokio::time::timeout`),
//! and a page that takes longer becomes a made-up 504 error.
//! grader: replaces items

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    join_all(urls.iter().map(|url| async move {
        match tokio::time::timeout(std::time::Duration::from_secs(10), web::fetch_page(url)).await {
            Ok(outcome) => outcome,
            Err(_) => Err(FetchError { url: url.to_string(), status: 504 }),
        }
    }))
    .await
}
