//! grader: expect fail nothing_to_show_without_urls "panic when they are given an empty list"
//! `select_all` in a loop, written as "take one, then check what is left": it is called
//! once even when there is nothing to select from, and panics.
//! grader: replaces items

use futures::future::select_all;

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let mut pending: Vec<_> = urls.iter().map(|url| Box::pin(web::fetch_page(url))).collect();
    loop {
        let (outcome, _index, rest) = select_all(pending).await;
        show(outcome);
        if rest.is_empty() {
            break;
        }
        pending = rest;
    }
}
