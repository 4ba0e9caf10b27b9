//! grader: expect fail crawl_adds_up_the_pages "3.000s"
//! The crawl fetches every page at once with `join_all`: the total is right, but each
//! link is found on the page before, so the pages can't be fetched before it.
//! grader: replaces items

/// The total belongs to this task alone, so it needs no `Rc`, no `Cell`, no sharing.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let pages = futures::future::join_all(urls.iter().map(|url| web::fetch_page(url))).await;
        pages.into_iter().flatten().map(|page| page.body.len()).sum()
    })
}
