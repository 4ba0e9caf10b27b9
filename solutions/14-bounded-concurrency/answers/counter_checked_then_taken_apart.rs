//! grader: expect fail a_hand_made_cap_holds_on_many_threads "a lost update"
//! A hand-made cap (a `Mutex<usize>` of resizes running, and a `Notify`): the count is compared with the limit under one `lock()` and raised under a second one, so two tasks can both pass the check on a multi-thread runtime.

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
            let has_room = *running.lock().unwrap() < limit;
            if has_room {
                *running.lock().unwrap() += 1;
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
