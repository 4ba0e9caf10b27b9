//! # 06 · as_completed: handle results as they arrive
//!
//! Reference solution.

use futures::stream::{FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

/// Fetches every page at once and shows each outcome the moment it is ready: the
/// fastest first, whatever its place in `urls`.
pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        show(outcome);
    }
}

/// The first page to answer `200 OK`. Returning drops `in_flight`, which cancels the
/// fetches still running. `None` once every fetch has failed.
pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        if let Ok(page) = outcome {
            return Some(page);
        }
    }
    None
}
