//! grader: expect fail fastest_page_is_shown_first "Every request should be sent at 0.000s"
//! grader: expect fail failures_are_shown_too "GET /fast: sent at 5.000s"
//! Shows each page as soon as it has it, but fetches them one after another: the fastest
//! page is requested only when the ones before it are done.

use futures::stream::{FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    for url in urls {
        show(web::fetch_page(url).await);
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
