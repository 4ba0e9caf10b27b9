//! grader: expect fail try_join_drops_siblings "That is what gather does (or what awaiting them one by one in input order does)"
//! `try_buffered` keeps input order: an error waits until every page before it has finished.
//! grader: replaces items

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    use futures::StreamExt as _;
    futures::stream::iter(urls).map(|url| web::fetch_page(url)).buffered(urls.len().max(1)).collect().await
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    use futures::{StreamExt as _, TryStreamExt as _};
    futures::stream::iter(urls).map(|url| web::fetch_page(url)).buffered(urls.len().max(1)).try_collect().await
}
