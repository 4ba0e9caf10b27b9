//! grader: expect fail three_fetches_take_one_second "The outcome for /a is Ok(page of /a), but the web service never received a request for /a"
//! grader: expect fail all_or_nothing_returns_pages_in_order "the web service never received a request for /a"
//! grader: expect fail results_keep_input_order "the web service never received a request for /slow"
//! grader: expect fail gather_lets_siblings_finish "the web service never received a request for /news"
//! grader: expect fail try_join_drops_siblings "fetch_all_or_nothing returned Ok: the error must come back as Err"
//! Builds the pages by hand (the body is always `<h1>url</h1>`) and sleeps the 1 s a fetch takes.
//! grader: replaces items

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    urls.iter().map(|url| Ok(Page { url: url.to_string(), body: format!("<h1>{url}</h1>") })).collect()
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    Ok(urls.iter().map(|url| Page { url: url.to_string(), body: format!("<h1>{url}</h1>") }).collect())
}
