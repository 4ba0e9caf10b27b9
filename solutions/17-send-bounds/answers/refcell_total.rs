//! grader: expect pass
//! Another correct answer: the crawl's total in a `RefCell` (which is `Send`: the task may
//! move between threads, it is just never shared), borrowed only between the awaits;
//! the visit counts with `and_modify(..).or_insert(1)`.
//! grader: replaces items

use std::cell::RefCell;

/// Fetches the page, then counts the visit under one lock.
pub fn spawn_visit(stats: Arc<Stats>, url: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        let _page = web::fetch_page(&url).await;
        stats.visits.lock().unwrap().entry(url).and_modify(|n| *n += 1).or_insert(1);
    })
}

/// Fetches the pages one after another and adds up the lengths of their bodies.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        let total = RefCell::new(0);
        for url in urls {
            let page = web::fetch_page(&url).await;
            if let Ok(page) = page {
                *total.borrow_mut() += page.body.len();
            }
        }
        total.into_inner()
    })
}
