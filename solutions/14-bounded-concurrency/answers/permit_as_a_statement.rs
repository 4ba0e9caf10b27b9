//! grader: expect compile-error "unused `SemaphorePermit` that must be used"
//! Takes the permit in a statement of its own, so it would be dropped at the `;`:
//! `SemaphorePermit` is `#[must_use]`, and exercise crates deny `unused_must_use`.

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(limit);
    let semaphore = &semaphore;
    join_all(photos.iter().map(|photo| async move {
        semaphore.acquire().await.expect("the semaphore is never closed");
        jobs::resize(photo).await
    }))
    .await
}
