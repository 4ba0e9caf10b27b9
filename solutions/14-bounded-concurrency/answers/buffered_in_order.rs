//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "`buffered(limit)`. It hands the results out in the order of the input"
//! grader: expect fail uneven_photos_in_an_unsorted_list "`buffered(limit)`. It hands the results out in the order of the input"
//! `buffered(limit)`: in order, at most `limit` at once, but a finished resize keeps its
//! place in the window until the slow panorama before it is done (4 s instead of 3 s).

use futures::stream::{self, StreamExt as _};
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    stream::iter(photos).map(|photo| jobs::resize(photo)).buffered(limit).collect().await
}
