//! grader: expect fail all_or_nothing_returns_pages_in_order "A possible cause: a deadline of your own"
//! The whole all-or-nothing fetch gets 10 s (`tokio::time::timeout`); after that it
//! fails with a 504 of its own for the first URL, though every page was on its way.
//! grader: replaces items

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    let all = try_join_all(urls.iter().map(|url| web::fetch_page(url)));
    match tokio::time::timeout(std::time::Duration::from_secs(10), all).await {
        Ok(outcome) => outcome,
        Err(_) => Err(FetchError { url: urls[0].to_string(), status: 504 }),
    }
}
