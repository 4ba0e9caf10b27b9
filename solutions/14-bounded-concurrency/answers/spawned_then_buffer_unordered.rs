//! grader: expect fail twenty_photos_four_at_a_time "limits only the waiting"
//! grader: expect fail the_limit_comes_from_the_caller "9 resizes were in progress at once"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "10 resizes were in progress at once"
//! grader: expect fail thumbnails_come_back_in_input_order "Nothing held the photos back"
//! grader: expect fail uneven_photos_in_an_unsorted_list "Nothing held the photos back"
//! Spawns a task per photo first, then awaits the JoinHandles through `buffer_unordered(limit)`, sorted back by index: the limit bounds how many handles are awaited at once, but every task already runs.
//! grader: replaces items

use futures::StreamExt;

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let handles: Vec<_> = photos
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            let photo = photo.to_string();
            tokio::spawn(async move { (i, jobs::resize(&photo).await) })
        })
        .collect();
    let mut done: Vec<(usize, Thumbnail)> = futures::stream::iter(handles)
        .buffer_unordered(limit)
        .map(|result| result.expect("a resize panicked"))
        .collect()
        .await;
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, thumbnail)| thumbnail).collect()
}
