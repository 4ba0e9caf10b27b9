//! grader: expect pass
//! Another correct answer: `as_completed` by hand, with `poll_fn` over boxed fetches:
//! each round polls every fetch still running and takes out the first one that is done.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;

use workbook::sim::web::{self, FetchError, Page};

type Fetch<'a> = Pin<Box<dyn Future<Output = Result<Page, FetchError>> + 'a>>;

/// The next fetch to finish, taken out of `pending`; `None` when none is left.
async fn next_done(pending: &mut Vec<Fetch<'_>>) -> Option<Result<Page, FetchError>> {
    if pending.is_empty() {
        return None;
    }
    let outcome = poll_fn(|cx| {
        for i in 0..pending.len() {
            if let Poll::Ready(outcome) = pending[i].as_mut().poll(cx) {
                drop(pending.swap_remove(i));
                return Poll::Ready(outcome);
            }
        }
        Poll::Pending
    })
    .await;
    Some(outcome)
}

fn start<'a>(urls: &[&'a str]) -> Vec<Fetch<'a>> {
    urls.iter().map(|url| Box::pin(web::fetch_page(url)) as Fetch<'a>).collect()
}

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut pending = start(urls);
    while let Some(outcome) = next_done(&mut pending).await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut pending = start(urls);
    while let Some(outcome) = next_done(&mut pending).await {
        if let Ok(page) = outcome {
            return Some(page);
        }
    }
    None
}
