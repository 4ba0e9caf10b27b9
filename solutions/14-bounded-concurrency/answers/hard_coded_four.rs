//! grader: expect fail the_limit_comes_from_the_caller "a number written in the code, instead of the `limit` parameter?"
//! grader: expect fail thumbnails_come_back_in_input_order "a number written in the code, instead of the `limit` parameter?"
//! grader: expect fail uneven_photos_in_an_unsorted_list "a number written in the code, instead of the `limit` parameter?"
//! A semaphore with 4 permits, whatever `limit` says: right for 4, wrong for 3.

use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::sim::jobs::{self, Thumbnail};

pub async fn make_thumbnails(photos: &[&str], _limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(4);
    let semaphore = &semaphore;
    join_all(photos.iter().map(|photo| async move {
        let _permit = semaphore.acquire().await.expect("the semaphore is never closed");
        jobs::resize(photo).await
    }))
    .await
}
