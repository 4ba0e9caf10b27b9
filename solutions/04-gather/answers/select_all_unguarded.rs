//! grader: expect fail all_or_nothing_returns_pages_in_order "fetch_all_or_nothing(&[]) panicked"
//! A `select_all` loop written as "take one, then see what is left": right for every
//! list of pages but the empty one, where `select_all` panics.
//! grader: replaces items

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    let mut pages: Vec<Option<Page>> = vec![None; urls.len()];
    let mut running: Vec<_> =
        urls.iter().enumerate().map(|(index, url)| Box::pin(async move { (index, web::fetch_page(url).await) })).collect();
    loop {
        let ((index, outcome), _, rest) = futures::future::select_all(running).await;
        pages[index] = Some(outcome?);
        if rest.is_empty() {
            break;
        }
        running = rest;
    }
    Ok(pages.into_iter().flatten().collect())
}
