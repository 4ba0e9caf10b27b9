//! grader: expect compile-error "cannot create non-exhaustive struct"
//! Resizes each photo under the limit, but returns a `Thumbnail` written with `format!` for each photo instead of the one `jobs::resize` gave back.

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(limit);
    let semaphore = &semaphore;
    join_all(photos.iter().map(|photo| async move {
        let _permit = semaphore.acquire().await.expect("the semaphore is never closed");
        jobs::resize(photo).await;
        Thumbnail { photo: photo.to_string(), file: format!("thumbs/{photo}") }
    }))
    .await
}
