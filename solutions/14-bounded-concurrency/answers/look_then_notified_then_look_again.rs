//! grader: expect pass
//! Another correct answer: a hand-made cap with a quick look first (count checked and raised under one guard); when it is full, the `notified()` future is created and enabled, the count looked at again, and only then is the future awaited.

use std::pin::pin;
use std::sync::Mutex;

use futures::future::join_all;
use tokio::sync::Notify;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let running = Mutex::new(0usize);
    let place_freed = Notify::new();
    let (running, place_freed) = (&running, &place_freed);
    let take_a_place = || {
        let mut running = running.lock().unwrap();
        let free = *running < limit;
        if free {
            *running += 1;
        }
        free
    };
    join_all(photos.iter().map(|photo| async move {
        while !take_a_place() {
            let mut freed = pin!(place_freed.notified());
            freed.as_mut().enable();
            if take_a_place() {
                break;
            }
            freed.await;
        }
        let thumbnail = jobs::resize(photo).await;
        *running.lock().unwrap() -= 1;
        place_freed.notify_waiters();
        thumbnail
    }))
    .await
}
