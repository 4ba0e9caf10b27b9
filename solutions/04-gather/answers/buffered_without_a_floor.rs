//! grader: expect fail results_keep_input_order "fetch_all(&[]) never returned"
//! `buffered(urls.len())`: all of them at once, in input order, right for three URLs;
//! but with none it is `buffered(0)`, which never takes a future from its input and
//! never ends.
//! grader: replaces items

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    use futures::StreamExt as _;
    futures::stream::iter(urls).map(|url| web::fetch_page(url)).buffered(urls.len()).collect().await
}
