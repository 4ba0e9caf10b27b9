//! grader: expect fail a_hand_made_cap_holds_on_many_threads "not `enable()`d before the look"
//! A hand-made cap: count checked and raised under one guard, the `notified()` future created before the look, but never enabled, and places handed on with `notify_one()`: two places freed at once can leave a single permit.

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
            let freed = place_freed.notified();
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
        *running.lock().unwrap() -= 1;
        place_freed.notify_one();
        thumbnail
    }))
    .await
}
