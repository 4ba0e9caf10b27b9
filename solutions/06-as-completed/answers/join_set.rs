//! grader: expect pass
//! Another correct answer: one task per fetch in a `tokio::task::JoinSet`, taken out
//! with `join_next` in completion order. Dropping the set aborts the tasks still in it.

use tokio::task::JoinSet;
use workbook::sim::web::{self, FetchError, Page};

/// Spawns every fetch into a set. Tasks need owned data: each gets its own `String`.
fn spawn_all(urls: &[&str]) -> JoinSet<Result<Page, FetchError>> {
    let mut fetches = JoinSet::new();
    for url in urls {
        let url = url.to_string();
        fetches.spawn(async move { web::fetch_page(&url).await });
    }
    fetches
}

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut fetches = spawn_all(urls);
    while let Some(joined) = fetches.join_next().await {
        show(joined.expect("a fetch task panicked"));
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut fetches = spawn_all(urls);
    while let Some(joined) = fetches.join_next().await {
        if let Ok(page) = joined.expect("a fetch task panicked") {
            // `fetches` is dropped on return: the tasks still running are aborted.
            return Some(page);
        }
    }
    None
}
