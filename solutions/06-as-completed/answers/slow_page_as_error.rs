//! grader: expect fail fastest_page_is_shown_first "but the server sent no such error: its fetch was dropped (cancelled) at 2.000s"
//! grader: expect fail failures_are_shown_too "but the server sent no such error: its fetch was dropped (cancelled) at 2.000s"
//! "Nobody waits 3 s for a panel": each fetch gets 2 s (`tokio::time::timeout`), and a
//! page that takes longer is shown as a made-up 504 error instead of the page.
//! grader: replaces items

use std::time::Duration;

/// A fetch that gives up after 2 s, as a gateway timeout.
async fn fetch_or_give_up(url: &str) -> Result<Page, FetchError> {
    match tokio::time::timeout(Duration::from_secs(2), web::fetch_page(url)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(FetchError { url: url.to_string(), status: 504 }),
    }
}

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| fetch_or_give_up(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        show(outcome);
    }
}
