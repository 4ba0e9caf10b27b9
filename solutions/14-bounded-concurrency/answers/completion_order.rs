//! grader: expect fail thumbnails_come_back_in_input_order "the order in which the resizes finished"
//! grader: expect fail uneven_photos_in_an_unsorted_list "the order in which the resizes finished"
//! `buffer_unordered(limit)` collected as it is: the right limit and the right time, but
//! the thumbnails come back in the order the resizes finished.

use futures::stream::{self, StreamExt as _};
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    stream::iter(photos).map(|photo| jobs::resize(photo)).buffer_unordered(limit).collect().await
}
