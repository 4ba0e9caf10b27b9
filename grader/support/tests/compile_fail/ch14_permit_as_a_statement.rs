// A permit taken as a bare statement is dropped at the `;`, before the work it was
// meant to guard. `SemaphorePermit` is `#[must_use]`, and the workbook's crates deny
// `unused_must_use`, as this file does.
#![deny(unused_must_use)]

use tokio::sync::Semaphore;
use workbook::sim::web;

async fn fetch_politely(semaphore: &Semaphore, url: &str) {
    // ANCHOR: statement
    semaphore.acquire().await.unwrap(); // the permit is dropped at the `;`
    let _page = web::fetch_page(url).await;
    // ANCHOR_END: statement
}

fn main() {
    let semaphore = Semaphore::new(2);
    drop(fetch_politely(&semaphore, "/page1"));
}
