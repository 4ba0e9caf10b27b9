//! grader: expect pass
//! Another correct answer: every task is spawned at once, and each waits for a permit of
//! the shared `Arc<Semaphore>` before it resizes. Tokio's semaphore is fair, so the
//! permits go out in the order the tasks asked: the order of the photos.

use std::sync::Arc;

use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Arc::new(Semaphore::new(limit));
    let handles: Vec<_> = photos
        .iter()
        .map(|photo| {
            let semaphore = Arc::clone(&semaphore);
            let photo = photo.to_string();
            tokio::spawn(async move {
                let _permit = semaphore.acquire_owned().await.expect("the semaphore is never closed");
                jobs::resize(&photo).await
            })
        })
        .collect();
    let mut thumbnails = Vec::new();
    for handle in handles {
        thumbnails.push(handle.await.expect("a resize panicked"));
    }
    thumbnails
}
