//! grader: expect fail nothing_to_show_without_urls "never returned"
//! `buffer_unordered(urls.len())`: right for three URLs, but with none it is
//! `buffer_unordered(0)`, which never takes anything from its input and never ends.

use futures::stream::{self, FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut outcomes = stream::iter(urls).map(|url| web::fetch_page(url)).buffer_unordered(urls.len());
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
