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
    join_all(photos.iter().map(|photo| async move {
        take_a_place(running, place_freed, limit).await;
        let thumbnail = jobs::resize(photo).await;
        give_back(running, place_freed);
        thumbnail
    }))
    .await
}

/// Counts one more resize in if fewer than `limit` are running: looks and raises under one guard.
fn try_take(running: &Mutex<usize>, limit: usize) -> bool {
    let mut running = running.lock().unwrap();
    let free = *running < limit;
    if free {
        *running += 1;
    }
    free
}

/// Waits for a place and takes it.
async fn take_a_place(running: &Mutex<usize>, place_freed: &Notify, limit: usize) {
    while !try_take(running, limit) {
        let mut freed = pin!(place_freed.notified());
        freed.as_mut().enable();
        if try_take(running, limit) {
            break;
        }
        freed.await;
    }
}

/// Counts a finished resize out, then wakes the tasks waiting for a place.
fn give_back(running: &Mutex<usize>, place_freed: &Notify) {
    *running.lock().unwrap() -= 1;
    place_freed.notify_waiters();
}
