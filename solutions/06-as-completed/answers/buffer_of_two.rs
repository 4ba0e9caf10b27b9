//! grader: expect fail fastest_page_is_shown_first "GET /medium: sent at 1.000s"
//! grader: expect fail failures_are_shown_too "GET /fast: sent at 2.000s"
//! `buffer_unordered(2)`: completion order, but at most two fetches at a time, so the
//! third request waits for a free slot.

use futures::stream::{self, FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut outcomes = stream::iter(urls).map(|url| web::fetch_page(url)).buffer_unordered(2);
    while let Some(outcome) = outcomes.next().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        if let Ok(page) = outcome {
            return Some(page);
        }
    }
    None
}
