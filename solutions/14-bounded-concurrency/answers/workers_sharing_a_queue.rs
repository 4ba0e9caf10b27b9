//! grader: expect pass
//! Another correct answer, the other Python classic (N workers on one `asyncio.Queue`):
//! `limit` workers take the next photo from the front of one shared queue until it is empty.

use std::collections::VecDeque;
use std::sync::Mutex;

use futures::future::join_all;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let queue: Mutex<VecDeque<(usize, &str)>> = Mutex::new(photos.iter().copied().enumerate().collect());
    let places: Mutex<Vec<Option<Thumbnail>>> = Mutex::new(vec![None; photos.len()]);
    let worker = || async {
        loop {
            // The guard is dropped at the end of this statement, before the `.await`.
            let next = queue.lock().unwrap().pop_front();
            let Some((i, photo)) = next else { break };
            let thumbnail = jobs::resize(photo).await;
            places.lock().unwrap()[i] = Some(thumbnail);
        }
    };
    join_all((0..limit).map(|_| worker())).await;
    places.into_inner().unwrap().into_iter().map(|thumbnail| thumbnail.expect("every photo was resized")).collect()
}
