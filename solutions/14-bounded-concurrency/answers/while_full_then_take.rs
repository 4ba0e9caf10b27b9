//! grader: expect fail a_hand_made_cap_holds_on_many_threads "a lost update"
//! A places-left counter in a struct, with helpers: `while` no place is left, wait on a `Notify`; then take one under a new lock. The wait loop and the taking are two steps.

use std::sync::Mutex;

use futures::future::join_all;
use tokio::sync::Notify;
use workbook::sim::jobs::{self, Thumbnail};

struct Places {
    left: Mutex<usize>,
    freed: Notify,
}

impl Places {
    async fn take(&self) {
        while *self.left.lock().unwrap() == 0 {
            self.freed.notified().await;
        }
        *self.left.lock().unwrap() -= 1;
    }

    fn give_back(&self) {
        *self.left.lock().unwrap() += 1;
        self.freed.notify_one();
    }
}

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let places = Places { left: Mutex::new(limit), freed: Notify::new() };
    let places = &places;
    join_all(photos.iter().map(|photo| async move {
        places.take().await;
        let thumbnail = jobs::resize(photo).await;
        places.give_back();
        thumbnail
    }))
    .await
}
