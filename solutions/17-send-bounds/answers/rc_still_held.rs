//! grader: expect compile-error "Rc<"
//! Fixes the visit, but the crawl still keeps an `Rc` alive across its `.await`s.
//! grader: replaces items

use std::rc::Rc;

/// Spawns a task that fetches every page in `urls`, one after another (each link is
/// found on the page before), and returns the total length of their bodies.
pub fn spawn_crawl(urls: Vec<String>) -> JoinHandle<usize> {
    tokio::spawn(async move {
        // TODO: `Rc` is not `Send`, and this one lives across every `.await` of the loop.
        let total = Rc::new(std::cell::Cell::new(0));
        for url in &urls {
            if let Ok(page) = web::fetch_page(url).await {
                total.set(total.get() + page.body.len());
            }
        }
        total.get()
    })
}
