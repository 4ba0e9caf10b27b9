//! grader: expect fail twenty_photos_four_at_a_time "Nothing held the photos back"
//! grader: expect fail the_limit_comes_from_the_caller "but the limit is 3"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "10 resizes were in progress at once"
//! grader: expect fail thumbnails_come_back_in_input_order "6 resizes were in progress at once"
//! grader: expect fail uneven_photos_in_an_unsorted_list "Nothing held the photos back"
//! `join_all` over every photo, as in chapter 04: concurrent, but with no limit at all.

use futures::future::join_all;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], _limit: usize) -> Vec<Thumbnail> {
    join_all(photos.iter().map(|photo| jobs::resize(photo))).await
}
