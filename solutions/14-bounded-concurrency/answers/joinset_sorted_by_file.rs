//! grader: expect fail uneven_photos_in_an_unsorted_list "alphabetical order of the photos' names"
//! Spawned tasks behind a shared semaphore, collected with `join_next` (finishing order), then sorted by thumbnail file name instead of by position in the list.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for photo in photos {
        let semaphore = Arc::clone(&semaphore);
        let photo = photo.to_string();
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await.expect("the semaphore is never closed");
            jobs::resize(&photo).await
        });
    }
    let mut thumbnails = Vec::new();
    while let Some(done) = tasks.join_next().await {
        thumbnails.push(done.expect("a resize panicked"));
    }
    thumbnails.sort_by_key(|thumbnail| thumbnail.file.clone());
    thumbnails
}
