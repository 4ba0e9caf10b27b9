//! grader: expect pass
//! Another correct answer: every photo spawned at once into a `JoinSet`, each task waiting for an owned permit of one shared semaphore, and the results, collected as they finish, sorted back by the photo's index.
//! grader: replaces items

use std::sync::Arc;

use tokio::task::JoinSet;

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let semaphore = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for (i, photo) in photos.iter().enumerate() {
        let semaphore = Arc::clone(&semaphore);
        let photo = photo.to_string();
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await.expect("the semaphore is never closed");
            (i, jobs::resize(&photo).await)
        });
    }
    let mut done = Vec::with_capacity(photos.len());
    while let Some(result) = tasks.join_next().await {
        done.push(result.expect("a resize panicked"));
    }
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, thumbnail)| thumbnail).collect()
}
