//! grader: expect fail first_answer_wins "kept running after it returned"
//! grader: expect fail failed_fetches_are_skipped "kept running after it returned"
//! Spawns every fetch and races the `JoinHandle`s: the first page comes back in time, but
//! dropping a handle detaches its task, so the other fetches run on.

use futures::stream::{FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut handles: FuturesUnordered<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    while let Some(joined) = handles.next().await {
        if let Ok(page) = joined.expect("a fetch task panicked") {
            return Some(page);
        }
    }
    None
}
