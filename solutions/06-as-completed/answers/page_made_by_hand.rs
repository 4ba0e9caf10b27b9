//! grader: expect fail first_answer_wins "don't build a `Page` by hand"
//! grader: expect fail failed_fetches_are_skipped "don't build a `Page` by hand"
//! Races the fetches for the first URL that answers, then hands back a `Page` made
//! from that URL instead of the page the server sent.
//! grader: replaces items

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let mut in_flight: FuturesUnordered<_> =
        urls.iter().map(|url| async move { web::fetch_page(url).await.map(|_| url.to_string()) }).collect();
    while let Some(outcome) = in_flight.next().await {
        if let Ok(url) = outcome {
            return Some(Page { url, body: String::new() });
        }
    }
    None
}
