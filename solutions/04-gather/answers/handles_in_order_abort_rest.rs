//! grader: expect fail try_join_drops_siblings "That is what gather does (or what awaiting them one by one in input order does)"
//! Spawns every fetch, then awaits the handles in input order and aborts the rest at the first error: an error behind a slow page is seen late.
//! grader: replaces items

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    let mut handles: Vec<_> = urls
        .iter()
        .map(|url| {
            let url = url.to_string();
            tokio::spawn(async move { web::fetch_page(&url).await })
        })
        .collect();
    let mut pages = Vec::new();
    for i in 0..handles.len() {
        match (&mut handles[i]).await.expect("a fetch task panicked") {
            Ok(page) => pages.push(page),
            Err(e) => {
                for rest in &handles[i + 1..] {
                    rest.abort();
                }
                return Err(e);
            }
        }
    }
    Ok(pages)
}
