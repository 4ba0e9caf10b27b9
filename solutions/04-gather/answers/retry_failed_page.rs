//! grader: expect fail try_join_drops_siblings "/broken was requested 2 times"
//! "Networks are flaky": each fetch is tried a second time when it fails, before the
//! error counts; the error comes back a whole fetch later, from a second request.
//! grader: replaces items

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    try_join_all(urls.iter().map(|url| async move {
        match web::fetch_page(url).await {
            Ok(page) => Ok(page),
            Err(_) => web::fetch_page(url).await,
        }
    }))
    .await
}
