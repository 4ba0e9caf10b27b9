//! grader: expect fail none_when_no_page_answers "panic when they are given an empty list"
//! `select_ok` without a guard: it panics when the list of URLs is empty.

use futures::future::select_ok;
use futures::stream::{FuturesUnordered, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut in_flight: FuturesUnordered<_> = urls.iter().map(|url| web::fetch_page(url)).collect();
    while let Some(outcome) = in_flight.next().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let fetches = urls.iter().map(|url| Box::pin(web::fetch_page(url)));
    select_ok(fetches).await.ok().map(|(page, _still_running)| page)
}
