//! grader: expect fail fastest_page_is_shown_first "GET /medium: sent at 1.000s"
//! grader: expect fail failures_are_shown_too "GET /fast: sent at 2.000s"
//! `buffer_unordered(2)`: completion order, but at most two fetches at a time, so the
//! third request waits for a free slot.
//! grader: replaces items

use futures::stream;

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut outcomes = stream::iter(urls).map(|url| web::fetch_page(url)).buffer_unordered(2);
    while let Some(outcome) = outcomes.next().await {
        show(outcome);
    }
}
