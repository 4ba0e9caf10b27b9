//! grader: expect fail a_hand_made_cap_holds_on_many_threads "a lost update"
//! A hand-made cap on an `AtomicUsize`: `load` to compare with the limit, then `fetch_add` in a second step, which another thread can slip between.

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
            if running.load(Ordering::SeqCst) < limit {
                running.fetch_add(1, Ordering::SeqCst);
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
