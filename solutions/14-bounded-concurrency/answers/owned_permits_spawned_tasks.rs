//! grader: expect pass
//! Another correct answer: one task per photo (`tokio::spawn`), each started only once an
//! owned permit is in hand; the permit is moved into the task and dropped when it ends.

use std::sync::Arc;

use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for photo in photos {
        let permit = Arc::clone(&semaphore).acquire_owned().await.expect("the semaphore is never closed");
        let photo = photo.to_string();
        handles.push(tokio::spawn(async move {
            let thumbnail = jobs::resize(&photo).await;
            drop(permit);
            thumbnail
        }));
    }
    let mut thumbnails = Vec::new();
    for handle in handles {
        thumbnails.push(handle.await.expect("a resize panicked"));
    }
    thumbnails
}
