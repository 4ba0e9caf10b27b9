//! grader: expect fail twenty_photos_four_at_a_time "resized one at a time"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "resized one at a time"
//! grader: expect fail the_limit_comes_from_the_caller "resized one at a time"
//! grader: expect fail thumbnails_come_back_in_input_order "resized one at a time"
//! grader: expect fail uneven_photos_in_an_unsorted_list "resized one at a time"
//! Awaits each resize in a `for` loop: never more than one at a time, 20 s for 20 photos.

use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], _limit: usize) -> Vec<Thumbnail> {
    let mut thumbnails = Vec::new();
    for photo in photos {
        thumbnails.push(jobs::resize(photo).await);
    }
    thumbnails
}
