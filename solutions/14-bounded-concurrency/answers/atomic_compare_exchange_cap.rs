//! grader: expect pass
//! Another correct answer: a hand-made cap on an `AtomicUsize`, raised with `fetch_update` only while it is below the limit (look and raise in one step), and a `notified()` future enabled before each look.

use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::future::join_all;
use tokio::sync::Notify;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let running = AtomicUsize::new(0);
    let place_freed = Notify::new();
    let (running, place_freed) = (&running, &place_freed);
    join_all(photos.iter().map(|photo| async move {
        loop {
            let mut freed = pin!(place_freed.notified());
            freed.as_mut().enable();
            if try_take(running, limit) {
                break;
            }
            freed.await;
        }
        let thumbnail = jobs::resize(photo).await;
        running.fetch_sub(1, Ordering::SeqCst);
        place_freed.notify_waiters();
        thumbnail
    }))
    .await
}

/// Counts one more resize in if fewer than `limit` are running.
fn try_take(running: &AtomicUsize, limit: usize) -> bool {
    running.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < limit).then_some(n + 1)).is_ok()
}
