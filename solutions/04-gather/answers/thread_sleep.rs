//! grader: expect fail three_fetches_take_one_second "The runtime was blocked"
//! grader: expect fail results_keep_input_order "The runtime was blocked"
//! grader: expect fail gather_lets_siblings_finish "The runtime was blocked"
//! Calls `std::thread::sleep` inside async code, blocking the runtime.
//! grader: replaces items

/// Every outcome, in the order of `urls`; failures don't stop the others.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    // "Simulate" the network with a sleep: it blocks the runtime's only thread.
    std::thread::sleep(std::time::Duration::from_millis(300));
    join_all(urls.iter().map(|url| web::fetch_page(url))).await
}
