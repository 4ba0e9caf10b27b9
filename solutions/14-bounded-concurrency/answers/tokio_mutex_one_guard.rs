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
            if try_take(running, limit).await {
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

/// Counts one more resize in if fewer than `limit` are running: looks and raises under one guard.
async fn try_take(running: &Mutex<usize>, limit: usize) -> bool {
    let mut count = running.lock().await;
    let free = *count < limit;
    if free {
        *count += 1;
    }
    free
}
