//! grader: expect fail results_keep_input_order "the URLs sorted by name"
//! grader: expect fail all_or_nothing_returns_pages_in_order "Expected the pages of ["/d", "/b", "/c", "/a"] in that order"
//! grader: expect fail gather_lets_siblings_finish "the URLs sorted by name"
//! Collects from `FuturesUnordered`, then sorts the results by URL to "restore" the order.
//! grader: replaces items

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    use futures::StreamExt as _;
    let mut outcomes: Vec<Result<Page, FetchError>> =
        urls.iter().map(|url| web::fetch_page(url)).collect::<futures::stream::FuturesUnordered<_>>().collect().await;
    outcomes.sort_by(|a, b| {
        let key = |r: &Result<Page, FetchError>| match r {
            Ok(page) => page.url.clone(),
            Err(e) => e.url.clone(),
        };
        key(a).cmp(&key(b))
    });
    outcomes
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    use futures::StreamExt as _;
    let mut running: futures::stream::FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    let mut pages = Vec::new();
    while let Some(outcome) = running.next().await {
        pages.push(outcome?);
    }
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    Ok(pages)
}
