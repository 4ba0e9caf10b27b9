//! grader: expect fail twenty_photos_four_at_a_time "and the loop waits for permit number 5 for ever"
//! grader: expect fail the_limit_comes_from_the_caller "By then 0 of the 9 photos had started"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "`make_thumbnails` never returned"
//! grader: expect fail thumbnails_come_back_in_input_order "`make_thumbnails` never returned"
//! grader: expect fail uneven_photos_in_an_unsorted_list "permits taken in the loop that builds the futures"
//! Takes each photo's permit in the loop that builds the futures, then `join_all`s them, as one might acquire before `asyncio.gather`: the futures run only once `join_all` polls them, so after `limit` permits the loop waits for a permit no one can give back.
//! grader: replaces items

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Semaphore::new(limit);
    let mut resizes = Vec::new();
    for photo in photos {
        let permit = semaphore.acquire().await.expect("the semaphore is never closed");
        resizes.push(async move {
            let _permit = permit;
            jobs::resize(photo).await
        });
    }
    join_all(resizes).await
}
