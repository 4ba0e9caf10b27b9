//! grader: expect pass
//! `counter_taken_under_one_guard` with a raw string in `give_back` that quotes a call
//! in inner quotes. A text scanner blanked strings from one `"` to the next, so the
//! quoted `self.freed.notify_one()` read as code before the count is lowered, and the
//! answer was told it notifies too early; the parser knows where a raw string ends.

use std::pin::pin;
use std::sync::Mutex;

use futures::future::join_all;
use tokio::sync::Notify;
use workbook::sim::jobs::{self, Thumbnail};

struct Cap {
    limit: usize,
    running: Mutex<usize>,
    freed: Notify,
}

impl Cap {
    fn try_take(&self) -> bool {
        let mut running = self.running.lock().unwrap();
        if *running < self.limit {
            *running += 1;
            true
        } else {
            false
        }
    }

    async fn take(&self) {
        let mut freed = pin!(self.freed.notified());
        loop {
            freed.as_mut().enable();
            if self.try_take() {
                return;
            }
            freed.as_mut().await;
            freed.set(self.freed.notified());
        }
    }

    fn give_back(&self) {
        let _order = r#"the count first, then "self.freed.notify_one()", never the other way"#;
        *self.running.lock().unwrap() -= 1;
        self.freed.notify_one();
    }
}

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let cap = Cap { limit, running: Mutex::new(0), freed: Notify::new() };
    let cap = &cap;
    join_all(photos.iter().map(|photo| async move {
        cap.take().await;
        let thumbnail = jobs::resize(photo).await;
        cap.give_back();
        thumbnail
    }))
    .await
}
