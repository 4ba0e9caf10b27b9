//! grader: expect fail twenty_photos_four_at_a_time "A permit taken before `tokio::spawn` but not moved into the task"
//! grader: expect fail the_limit_comes_from_the_caller "9 resizes were in progress at once"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "A permit taken before `tokio::spawn` but not moved into the task"
//! grader: expect fail thumbnails_come_back_in_input_order "A permit taken before `tokio::spawn` but not moved into the task"
//! grader: expect fail uneven_photos_in_an_unsorted_list "A permit taken before `tokio::spawn` but not moved into the task"
//! Takes an owned permit before each `tokio::spawn`, but leaves it in the loop: it is
//! dropped right after the spawn, while the resize runs on unguarded.

use std::sync::Arc;

use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for photo in photos {
        let _permit = Arc::clone(&semaphore).acquire_owned().await.expect("the semaphore is never closed");
        let photo = photo.to_string();
        handles.push(tokio::spawn(async move { jobs::resize(&photo).await }));
    }
    let mut thumbnails = Vec::new();
    for handle in handles {
        thumbnails.push(handle.await.expect("a resize panicked"));
    }
    thumbnails
}
