//! grader: expect pass
//! Another correct answer: a `FuturesUnordered` kept at `limit` by hand, topped up from the list each time one finishes, and the thumbnails written into their slots by index.

use futures::stream::{FuturesUnordered, StreamExt as _};
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let mut slots: Vec<Option<Thumbnail>> = vec![None; photos.len()];
    let mut running = FuturesUnordered::new();
    for (i, photo) in photos.iter().enumerate() {
        if running.len() == limit
            && let Some((done, thumbnail)) = running.next().await
        {
            slots[done] = Some(thumbnail);
        }
        running.push(async move { (i, jobs::resize(photo).await) });
    }
    while let Some((done, thumbnail)) = running.next().await {
        slots[done] = Some(thumbnail);
    }
    slots.into_iter().map(|slot| slot.expect("every photo was resized")).collect()
}
