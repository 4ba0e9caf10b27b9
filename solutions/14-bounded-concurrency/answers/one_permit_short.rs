//! grader: expect fail twenty_photos_four_at_a_time "at most 3 resizes were ever in progress at once, though 4 were allowed"
//! grader: expect fail thumbnails_come_back_in_input_order "a place stayed empty the whole time"
//! grader: expect fail the_limit_comes_from_the_caller "a place stayed empty the whole time"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "at most 3 resizes were ever in progress at once, though 4 were allowed"
//! grader: expect fail uneven_photos_in_an_unsorted_list "a place stayed empty the whole time"
//! `Semaphore::new(limit - 1)`: never too many, but one place always empty (7 s for 20 photos).

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(limit - 1);
    let semaphore = &semaphore;
    join_all(photos.iter().map(|photo| async move {
        let _permit = semaphore.acquire().await.expect("the semaphore is never closed");
        jobs::resize(photo).await
    }))
    .await
}
