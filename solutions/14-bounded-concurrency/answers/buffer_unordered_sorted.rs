//! grader: expect pass
//! Another correct answer: `buffer_unordered(limit)` keeps `limit` resizes going, each
//! result carries its photo's index, and a sort puts the thumbnails back in order.

use futures::stream::{self, StreamExt as _};
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let mut numbered: Vec<(usize, Thumbnail)> = stream::iter(photos.iter().enumerate())
        .map(|(i, photo)| async move { (i, jobs::resize(photo).await) })
        .buffer_unordered(limit)
        .collect()
        .await;
    numbered.sort_by_key(|(i, _)| *i);
    numbered.into_iter().map(|(_, thumbnail)| thumbnail).collect()
}
