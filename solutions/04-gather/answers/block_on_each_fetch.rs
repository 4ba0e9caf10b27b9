//! grader: expect fail three_fetches_take_one_second "in a `futex` wait"
//! grader: expect fail results_keep_input_order "in a `futex` wait"
//! grader: expect fail gather_lets_siblings_finish "in a `futex` wait"
//! Calls `futures::executor::block_on` on each fetch inside async code: the fetch needs
//! the runtime's timer, which runs on the very thread `block_on` holds.
//! grader: replaces items

/// Every outcome, in the order of `urls`; failures don't stop the others.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    // Fetch each page and wait for it right here.
    urls.iter().map(|url| futures::executor::block_on(web::fetch_page(url))).collect()
}
