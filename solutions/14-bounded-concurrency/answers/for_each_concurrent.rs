//! grader: expect pass
//! Another correct answer: `for_each_concurrent(limit, …)` runs at most `limit` of the
//! closures' futures at once; each writes its thumbnail into its photo's place. It all
//! runs in one task, so a `RefCell` is enough to share the places.

use std::cell::RefCell;

use futures::stream::{self, StreamExt as _};
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let places: RefCell<Vec<Option<Thumbnail>>> = RefCell::new(vec![None; photos.len()]);
    stream::iter(photos.iter().enumerate())
        .for_each_concurrent(limit, |(i, photo)| {
            let places = &places;
            async move {
                let thumbnail = jobs::resize(photo).await;
                places.borrow_mut()[i] = Some(thumbnail);
            }
        })
        .await;
    places.into_inner().into_iter().map(|thumbnail| thumbnail.expect("every photo was resized")).collect()
}
