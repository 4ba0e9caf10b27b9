//! grader: expect pass
//! Another correct answer: a hand-made cap with a `tokio::sync::Mutex<usize>` (`lock().await`), count checked and raised under one guard, the `notified()` future enabled before each look, and the count lowered before `notify_one()`.

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
            let mut count = running.lock().await;
            if *count < limit {
                *count += 1;
                break;
            }
            drop(count);
            freed.await;
        }
        let thumbnail = jobs::resize(photo).await;
        *running.lock().await -= 1;
        place_freed.notify_one();
        thumbnail
    }))
    .await
}
