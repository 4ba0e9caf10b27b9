//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "The photos went in batches"
//! grader: expect fail uneven_photos_in_an_unsorted_list "The photos went in batches"
//! Batches of `limit` with `chunks` and a `join_all` per batch: never more than the
//! limit, but each batch waits for its slowest photo (5 s instead of 3 s with a panorama).

use futures::future::join_all;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let mut thumbnails = Vec::new();
    for batch in photos.chunks(limit) {
        thumbnails.extend(join_all(batch.iter().map(|photo| jobs::resize(photo))).await);
    }
    thumbnails
}
