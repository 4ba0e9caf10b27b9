//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "Photos dealt out in advance"
//! grader: expect fail uneven_photos_in_an_unsorted_list "Photos dealt out in advance"
//! `limit` workers, each with a fixed share of the photos (every `limit`-th one): the
//! worker that drew the panorama still has a photo left when the others are done.

use futures::future::join_all;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let workers = (0..limit).map(|worker| async move {
        let mut done = Vec::new();
        for (i, photo) in photos.iter().enumerate().skip(worker).step_by(limit) {
            done.push((i, jobs::resize(photo).await));
        }
        done
    });
    let mut thumbnails: Vec<(usize, Thumbnail)> = join_all(workers).await.into_iter().flatten().collect();
    thumbnails.sort_by_key(|(i, _)| *i);
    thumbnails.into_iter().map(|(_, thumbnail)| thumbnail).collect()
}
