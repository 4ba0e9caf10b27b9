//! grader: expect fail fastest_page_is_shown_first "collected first and shown afterwards"
//! grader: expect fail failures_are_shown_too "collected first and shown afterwards"
//! grader: expect fail first_answer_wins "went on waiting for the other fetches"
//! grader: expect fail failed_fetches_are_skipped "went on waiting for the other fetches"
//! Uses `FuturesUnordered`, but collects the whole stream into a `Vec` before looking at
//! it: the right order, at the wrong time.

use futures::stream::{FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    let outcomes: Vec<_> = in_flight.collect().await;
    for outcome in outcomes {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    let outcomes: Vec<_> = in_flight.collect().await;
    outcomes.into_iter().find_map(Result::ok)
}
