//! grader: expect pass
//! Another correct answer: a stream of fetches with `buffer_unordered` (enough room for all
//! of them, and at least 1), and `futures::future::select_ok`, which returns the first `Ok`
//! and drops the rest. `select_ok` panics on an empty list, hence the guard.

use futures::future::select_ok;
use futures::stream::{self, StreamExt as _};
use workbook::sim::web::{self, FetchError, Page};

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut outcomes = stream::iter(urls).map(|url| web::fetch_page(url)).buffer_unordered(urls.len().max(1));
    while let Some(outcome) = outcomes.next().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    if urls.is_empty() {
        return None;
    }
    // `select_ok` needs futures it can move around: `Box::pin` makes them `Unpin`.
    let fetches = urls.iter().map(|url| Box::pin(web::fetch_page(url)));
    select_ok(fetches).await.ok().map(|(page, _still_running)| page)
}
