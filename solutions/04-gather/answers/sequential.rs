//! grader: expect fail three_fetches_take_one_second "ran one after another"
//! grader: expect fail dashboard_panels_load_together "ran one after another"
//! grader: expect fail try_join_drops_siblings "its request went out only at 3.000s, the instant /slow ended"
//! grader: expect fail results_keep_input_order "ran one after another"
//! grader: expect fail gather_lets_siblings_finish "ran one after another"
//! grader: expect fail all_or_nothing_returns_pages_in_order "ran one after another"
//! Awaits every fetch before starting the next: the waits add up.
//! grader: replaces items

/// Loads the three panels. They don't depend on each other.
pub async fn load_dashboard() -> Dashboard {
    // TODO: these waits add up (1 s + 1 s + 0.5 s). Run them together with `tokio::join!`.
    let headlines = web::fetch_page("/news").await;
    let temperature = station::read_sensor("thermometer").await;
    let orders = db::query("SELECT * FROM orders").await;
    Dashboard { headlines, temperature, orders }
}

/// Fetches every page in `urls` and returns every outcome, in the order of `urls`,
/// like `asyncio.gather(*fetches, return_exceptions=True)`: one failure does not stop
/// the other fetches.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    // TODO: fetch all the pages at once (see `futures::future::join_all`).
    let mut outcomes = Vec::new();
    for url in urls {
        outcomes.push(web::fetch_page(url).await);
    }
    outcomes
}

/// Fetches every page in `urls`, or fails with the first error as soon as it happens,
/// cancelling the fetches still running.
pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    // TODO: fetch all the pages at once, and stop at the first error
    //       (see `futures::future::try_join_all`).
    let mut pages = Vec::new();
    for url in urls {
        pages.push(web::fetch_page(url).await?);
    }
    Ok(pages)
}
