//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "takes photos with `Vec::pop` takes the last one first"
//! grader: expect fail thumbnails_come_back_in_input_order "is number 1 in the list, but it started at"
//! grader: expect fail uneven_photos_in_an_unsorted_list "takes photos with `Vec::pop` takes the last one first"
//! `limit` workers share one list and take the next photo with `Vec::pop`: the limit holds,
//! but the photos start from the end of the list.

use std::sync::Mutex;

use futures::future::join_all;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let queue = Mutex::new(photos.iter().copied().enumerate().collect::<Vec<_>>());
    let done = Mutex::new(Vec::new());
    let worker = || async {
        loop {
            let next = queue.lock().unwrap().pop();
            let Some((i, photo)) = next else { break };
            let thumbnail = jobs::resize(photo).await;
            done.lock().unwrap().push((i, thumbnail));
        }
    };
    join_all((0..limit).map(|_| worker())).await;
    let mut thumbnails = done.into_inner().unwrap();
    thumbnails.sort_by_key(|(i, _)| *i);
    thumbnails.into_iter().map(|(_, thumbnail)| thumbnail).collect()
}
