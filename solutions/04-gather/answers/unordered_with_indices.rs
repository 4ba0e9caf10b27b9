//! grader: expect pass
//! Another correct answer: a `FuturesUnordered` whose futures carry their index, the
//! outcomes sorted back by index (input order); for all-or-nothing, `?` at the first
//! error in completion order drops the set, cancelling the rest.
//! grader: replaces items

use futures::StreamExt as _;
use futures::stream::FuturesUnordered;

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    let mut numbered: Vec<(usize, Result<Page, FetchError>)> = urls
        .iter()
        .enumerate()
        .map(|(index, url)| async move { (index, web::fetch_page(url).await) })
        .collect::<FuturesUnordered<_>>()
        .collect()
        .await;
    numbered.sort_by_key(|(index, _)| *index);
    numbered.into_iter().map(|(_, outcome)| outcome).collect()
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    let mut running: FuturesUnordered<_> =
        urls.iter().enumerate().map(|(index, url)| async move { (index, web::fetch_page(url).await) }).collect();
    let mut numbered = Vec::with_capacity(urls.len());
    while let Some((index, outcome)) = running.next().await {
        numbered.push((index, outcome?));
    }
    numbered.sort_by_key(|(index, _)| *index);
    Ok(numbered.into_iter().map(|(_, page)| page).collect())
}
