//! grader: expect fail twenty_photos_four_at_a_time "`let _ = semaphore.acquire().await;` The `_` pattern is not a name"
//! grader: expect fail the_limit_comes_from_the_caller "Nothing held the photos back"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "`let _ = semaphore.acquire().await;` The `_` pattern is not a name"
//! grader: expect fail thumbnails_come_back_in_input_order "`let _ = semaphore.acquire().await;` The `_` pattern is not a name"
//! grader: expect fail uneven_photos_in_an_unsorted_list "`let _ = semaphore.acquire().await;` The `_` pattern is not a name"
//! Takes a permit with `let _ = …`, which drops it on the spot: no limit at all.

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(limit);
    let semaphore = &semaphore;
    join_all(photos.iter().map(|photo| async move {
        let _ = semaphore.acquire().await.expect("the semaphore is never closed");
        jobs::resize(photo).await
    }))
    .await
}
