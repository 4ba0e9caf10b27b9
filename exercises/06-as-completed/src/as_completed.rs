//! # 06 · as_completed: handle results as they arrive
//!
//! Python's `asyncio.as_completed(aws)` gives you the results in the order they
//! finish, so you can use the fastest one while the others are still on their way.
//! Here you write the same for a page fetcher: the chapter shows tokio's tools for it,
//! and `grader hint 06` names them if you are stuck.
//!
//! Every page takes 1 s to fetch unless a check says otherwise; the checks make some
//! pages slower or faster, and make some fail.
//!
//! Run `grader check 06` to see how your code ran. The chapter is
//! `docs/src/06-as-completed.md`.

use futures::future::join_all;
use workbook::sim::web::{self, FetchError, Page};

/// Fetches every page in `urls` at once and calls `show` with each outcome, page or
/// error, the moment it arrives: the fastest page first, not the first in the list.
pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    // TODO: this shows nothing until every fetch is done, so even the fastest page waits
    //       for the slowest one. All the fetches must still run at once, but each outcome
    //       (errors too) must reach `show` at the very instant it arrives, in the order
    //       they finish, and the function returns once the last one is shown.
    let outcomes = join_all(urls.iter().map(|url| web::fetch_page(url))).await;
    for outcome in outcomes {
        show(outcome);
    }
}

/// Fetches every page in `urls` at once and returns the first one to answer `200 OK`,
/// skipping failed fetches. The fetches still running at that moment are cancelled.
/// `None` if every fetch fails.
pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    // TODO: one fetch at a time gives the first page in the list that works, not the
    //       first to answer, and it waits for every failure ahead of it. All the fetches
    //       must be under way together; return the first page that arrives, the moment it
    //       arrives, and leave none of the others running after you return.
    for url in urls {
        if let Ok(page) = web::fetch_page(url).await {
            return Some(page);
        }
    }
    None
}
