//! grader: expect fail first_answer_wins "don't build a `Page` by hand"
//! grader: expect fail failed_fetches_are_skipped "don't build a `Page` by hand"
//! Races the fetches for the first URL that answers, then hands back a `Page` made
//! from that URL instead of the page the server sent.

use futures::stream::{FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut in_flight: FuturesUnordered<_> =
        urls.iter().map(|url| async move { web::fetch_page(url).await.map(|_| url.to_string()) }).collect();
    while let Some(outcome) = in_flight.next().await {
        if let Ok(url) = outcome {
            return Some(Page { url, body: String::new() });
        }
    }
    None
}
