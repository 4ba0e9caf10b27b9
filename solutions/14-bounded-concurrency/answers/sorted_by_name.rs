//! grader: expect fail uneven_photos_in_an_unsorted_list "alphabetical order of the photos' names"
//! `buffer_unordered(limit)`, then the thumbnails sorted by photo name to undo the finishing order: the order of the list only when the list happens to be sorted.

use futures::stream::{self, StreamExt as _};
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let mut thumbnails: Vec<Thumbnail> =
        stream::iter(photos.iter()).map(|photo| jobs::resize(photo)).buffer_unordered(limit).collect().await;
    thumbnails.sort_by(|a, b| a.photo.cmp(&b.photo));
    thumbnails
}
