//! grader: expect fail results_keep_input_order "must return results in the order of its input"
//! grader: expect fail gather_lets_siblings_finish "must return results in the order of its input"
//! Collects from `FuturesUnordered`: concurrent, but in completion order.
//! grader: replaces items

/// Every outcome, in the order of `urls`; failures don't stop the others.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    use futures::StreamExt as _;
    // Concurrent, but the results come out in the order the fetches finish.
    urls.iter().map(|url| web::fetch_page(url)).collect::<futures::stream::FuturesUnordered<_>>().collect().await
}
