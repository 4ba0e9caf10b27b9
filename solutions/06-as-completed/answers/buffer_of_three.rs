//! grader: expect fail fastest_page_is_shown_first "GET /blog: sent at 0.250s"
//! grader: expect fail failures_are_shown_too "GET /shop: sent at 0.500s"
//! grader: expect fail first_answer_wins "GET /home: never sent"
//! grader: expect fail failed_fetches_are_skipped "GET /shop: sent at 0.500s"
//! `buffer_unordered(3)`: "three pages in the checks, so three at a time": with more
//! URLs than that, the others wait for a free slot.

use futures::stream::{self, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight = stream::iter(urls.iter().copied()).map(web::fetch_page).buffer_unordered(3);
    while let Some(outcome) = in_flight.next().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut in_flight = stream::iter(urls.iter().copied()).map(web::fetch_page).buffer_unordered(3);
    while let Some(outcome) = in_flight.next().await {
        if let Ok(page) = outcome {
            return Some(page);
        }
    }
    None
}
