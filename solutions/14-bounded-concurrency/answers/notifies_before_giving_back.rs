//! grader: expect fail a_hand_made_cap_holds_on_many_threads "before the count they look at is changed"
//! A hand-made cap, taken correctly (future enabled, count checked and raised under one guard), but a finished resize notifies the waiters before it gives its place back.

use std::pin::pin;
use std::sync::Mutex;

use futures::future::join_all;
use tokio::sync::Notify;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let running = Mutex::new(0usize);
    let place_freed = Notify::new();
    let (running, place_freed) = (&running, &place_freed);
    join_all(photos.iter().map(|photo| async move {
        loop {
            let mut freed = pin!(place_freed.notified());
            freed.as_mut().enable();
            {
                let mut running = running.lock().unwrap();
                if *running < limit {
                    *running += 1;
                    break;
                }
            }
            freed.await;
        }
        let thumbnail = jobs::resize(photo).await;
        place_freed.notify_waiters();
        *running.lock().unwrap() -= 1;
        thumbnail
    }))
    .await
}
