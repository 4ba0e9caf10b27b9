//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "Waiting for the oldest"
//! grader: expect fail uneven_photos_in_an_unsorted_list "Waiting for the oldest"
//! Keeps at most `limit` spawned resizes in a queue of JoinHandles and, when it is full, awaits the oldest one before starting the next photo: a slow photo at the front holds every place behind it.

use std::collections::VecDeque;

use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let mut running = VecDeque::new();
    let mut thumbnails = Vec::with_capacity(photos.len());
    for photo in photos {
        if running.len() == limit {
            let oldest: tokio::task::JoinHandle<Thumbnail> = running.pop_front().expect("the queue is full");
            thumbnails.push(oldest.await.expect("a resize panicked"));
        }
        let photo = photo.to_string();
        running.push_back(tokio::spawn(async move { jobs::resize(&photo).await }));
    }
    for handle in running {
        thumbnails.push(handle.await.expect("a resize panicked"));
    }
    thumbnails
}
