//! grader: expect fail fastest_page_is_shown_first "alphabetical order of their URLs"
//! grader: expect fail failures_are_shown_too "alphabetical order of their URLs"
//! grader: expect fail first_answer_wins "sorting the URLs does not sort them by speed"
//! grader: expect fail failed_fetches_are_skipped "sorting the URLs does not sort them by speed"
//! Sorts the URLs, then takes the outcomes in that order with a `FuturesOrdered`: with
//! `/fast`, `/medium` and `/slow`, the alphabet happens to match the speed.

use futures::stream::{FuturesOrdered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

fn fetch_sorted<'a>(urls: &[&'a str]) -> FuturesOrdered<impl std::future::Future<Output = Result<Page, FetchError>> + 'a> {
    let mut sorted = urls.to_vec();
    sorted.sort();
    sorted.into_iter().map(web::fetch_page).collect()
}

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight = fetch_sorted(urls);
    while let Some(outcome) = in_flight.next().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut in_flight = fetch_sorted(urls);
    while let Some(outcome) = in_flight.next().await {
        if let Ok(page) = outcome {
            return Some(page);
        }
    }
    None
}
