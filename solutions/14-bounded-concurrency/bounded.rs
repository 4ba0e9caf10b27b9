//! # 14 · bounded concurrency: at most N at a time
//!
//! Reference solution: one semaphore for the whole call, a permit per photo, held
//! across the resize. `join_all` keeps the thumbnails in the order of the photos.

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

/// Makes a thumbnail of every photo, at most `limit` at a time, in the order of
/// `photos`.
pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(limit);
    let semaphore = &semaphore;
    join_all(photos.iter().map(|photo| async move {
        // `async with sem:` — the permit is given back when `_permit` is dropped,
        // at the end of this block, after the resize.
        let _permit = semaphore.acquire().await.expect("the semaphore is never closed");
        jobs::resize(photo).await
    }))
    .await
}
