//! grader: expect fail twenty_photos_four_at_a_time "A `Semaphore` made inside each photo's future"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "Nothing held the photos back"
//! grader: expect fail the_limit_comes_from_the_caller "A `Semaphore` made inside each photo's future"
//! grader: expect fail thumbnails_come_back_in_input_order "A `Semaphore` made inside each photo's future"
//! grader: expect fail uneven_photos_in_an_unsorted_list "A `Semaphore` made inside each photo's future"
//! Makes a new semaphore inside each photo's future: every photo has `limit` permits to itself.

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    join_all(photos.iter().map(|photo| async move {
        let semaphore = Semaphore::new(limit);
        let _permit = semaphore.acquire().await.expect("the semaphore is never closed");
        jobs::resize(photo).await
    }))
    .await
}
