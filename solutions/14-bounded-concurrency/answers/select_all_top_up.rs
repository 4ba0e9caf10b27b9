//! grader: expect pass
//! Another correct answer: `limit` resizes in a Vec, `select_all` to wait for whichever finishes first, and the next photo pushed in its place; each result carries its index into a slot.

use std::future::Future;
use std::pin::Pin;

use futures::future::select_all;
use workbook::sim::jobs::{self, Thumbnail};

type Resize<'a> = Pin<Box<dyn Future<Output = (usize, Thumbnail)> + 'a>>;

fn start<'a>(i: usize, photo: &'a str) -> Resize<'a> {
    Box::pin(async move { (i, jobs::resize(photo).await) })
}

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let mut slots: Vec<Option<Thumbnail>> = vec![None; photos.len()];
    let mut next = photos.iter().copied().enumerate();
    let mut running: Vec<Resize<'_>> = next.by_ref().take(limit).map(|(i, photo)| start(i, photo)).collect();
    while !running.is_empty() {
        let ((i, thumbnail), _, rest) = select_all(running).await;
        slots[i] = Some(thumbnail);
        running = rest;
        if let Some((j, photo)) = next.next() {
            running.push(start(j, photo));
        }
    }
    slots.into_iter().map(|slot| slot.expect("every photo was resized")).collect()
}
