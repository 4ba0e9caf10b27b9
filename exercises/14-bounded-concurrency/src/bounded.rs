//! # 14 · bounded concurrency: at most N at a time
//!
//! Python keeps a crowd of coroutines from all doing something at once with a
//! semaphore: `sem = asyncio.Semaphore(4)`, then `async with sem:` around the work.
//! Tokio has the same tool, and streams have a way of their own; the chapter shows
//! both, and `grader hint 14` names them when you are stuck.
//!
//! The thumbnail service resizes a photo in 1 s (a panorama takes longer), and it can
//! only take a few at a time: `make_thumbnails` must never have more than `limit`
//! resizes in progress, and never fewer while photos are waiting.
//!
//! Run `grader check 14` to see how your code ran. The chapter is
//! `docs/src/14-bounded-concurrency.md`.

use futures::future::join_all;
use workbook::sim::jobs::{self, Thumbnail};

/// Makes a thumbnail of every photo in `photos` with `jobs::resize`, with at most
/// `limit` resizes in progress at any moment (`limit` is at least 1). Photos start in
/// the order of the list, and as soon as one resize finishes, the next photo takes its
/// place. The thumbnails come back in the order of `photos`.
pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    // TODO: this starts every resize at once, whatever `limit` says: 20 photos, 20
    //       resizes in progress. Never more than `limit` at a time, and never fewer
    //       while photos wait: the moment one resize ends, the next photo in the list
    //       starts (batches of `limit` leave places empty while the slowest finishes).
    let _ = limit;
    join_all(photos.iter().map(|photo| jobs::resize(photo))).await
}
