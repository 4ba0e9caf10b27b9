//! grader: expect fail twenty_photos_four_at_a_time "A permit dropped before the resize is awaited"
//! grader: expect fail the_limit_comes_from_the_caller "A permit dropped before the resize is awaited"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "A permit dropped before the resize is awaited"
//! grader: expect fail thumbnails_come_back_in_input_order "A permit dropped before the resize is awaited"
//! grader: expect fail uneven_photos_in_an_unsorted_list "A permit dropped before the resize is awaited"
//! Takes a permit, makes the resize future, and gives the permit back before awaiting it: making a future runs nothing, so the resizes all run unlimited.

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(limit);
    let mut started = Vec::new();
    for photo in photos {
        let permit = semaphore.acquire().await.expect("the semaphore is never closed");
        // Start the resize while holding the permit, then let the next photo in.
        let resize = jobs::resize(photo);
        drop(permit);
        started.push(resize);
    }
    join_all(started).await
}
