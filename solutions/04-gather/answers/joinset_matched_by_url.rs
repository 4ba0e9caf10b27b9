//! grader: expect pass
//! Another correct answer: a `JoinSet` of tasks that return only their outcome, each
//! outcome put back in its place by the URL it carries (the URLs are distinct); at the
//! first error, `shutdown().await` aborts the tasks still running before returning it.
//! grader: replaces items

/// The URL an outcome is about.
fn url_of(outcome: &Result<Page, FetchError>) -> &str {
    match outcome {
        Ok(page) => &page.url,
        Err(e) => &e.url,
    }
}

fn spawn_fetches(urls: &[&str]) -> tokio::task::JoinSet<Result<Page, FetchError>> {
    let mut set = tokio::task::JoinSet::new();
    for url in urls {
        let url = url.to_string();
        set.spawn(async move { web::fetch_page(&url).await });
    }
    set
}

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    let mut outcomes = spawn_fetches(urls).join_all().await;
    outcomes.sort_by_key(|outcome| urls.iter().position(|url| *url == url_of(outcome)));
    outcomes
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    let mut set = spawn_fetches(urls);
    let mut pages = Vec::with_capacity(urls.len());
    while let Some(joined) = set.join_next().await {
        match joined.expect("a fetch task panicked") {
            Ok(page) => pages.push(page),
            Err(e) => {
                set.shutdown().await;
                return Err(e);
            }
        }
    }
    pages.sort_by_key(|page| urls.iter().position(|url| *url == page.url));
    Ok(pages)
}
