//! grader: expect fail a_hand_made_cap_holds_on_many_threads "before the `notified()` future"
//! A hand-made cap (a `Mutex<usize>` and a `Notify`), checked and taken under one lock, but when it is full the task creates its `notified()` future only after it has looked, and doesn't look again before it sleeps: a place freed in between wakes nobody.

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
            {
                let mut running = running.lock().unwrap();
                if *running < limit {
                    *running += 1;
                    break;
                }
            }
            place_freed.notified().await;
        }
        let thumbnail = jobs::resize(photo).await;
        *running.lock().unwrap() -= 1;
        place_freed.notify_waiters();
        thumbnail
    }))
    .await
}
