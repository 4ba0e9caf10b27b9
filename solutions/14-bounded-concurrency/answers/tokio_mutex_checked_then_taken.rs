//! grader: expect fail a_hand_made_cap_holds_on_many_threads "a lost update"
//! A hand-made cap with a `tokio::sync::Mutex<usize>`: the count compared under one `lock().await` and raised under a second one.

use std::pin::pin;

use futures::future::join_all;
use tokio::sync::{Mutex, Notify};
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let running = Mutex::new(0usize);
    let place_freed = Notify::new();
    let (running, place_freed) = (&running, &place_freed);
    join_all(photos.iter().map(|photo| async move {
        loop {
            let mut freed = pin!(place_freed.notified());
            freed.as_mut().enable();
            let count = *running.lock().await;
            if count < limit {
                *running.lock().await += 1;
                break;
            }
            freed.await;
        }
        let thumbnail = jobs::resize(photo).await;
        *running.lock().await -= 1;
        place_freed.notify_one();
        thumbnail
    }))
    .await
}
