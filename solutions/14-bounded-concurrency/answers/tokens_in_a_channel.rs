//! grader: expect pass
//! Another correct answer: a channel filled with `limit` tokens stands in for the semaphore; a photo takes a token before its resize and sends it back after.
//! grader: replaces items

use tokio::sync::{Mutex, mpsc};

pub async fn make_thumbnails(photos: &[&str], limit: usize) -> Vec<Thumbnail> {
    let (give_back, tokens) = mpsc::channel::<()>(limit.max(1));
    for _ in 0..limit {
        give_back.send(()).await.expect("the tokens are kept");
    }
    let tokens = Mutex::new(tokens);
    let (tokens, give_back) = (&tokens, &give_back);
    join_all(photos.iter().map(|photo| async move {
        let token = tokens.lock().await.recv().await;
        let thumbnail = jobs::resize(photo).await;
        if let Some(token) = token {
            give_back.send(token).await.expect("the tokens are kept");
        }
        thumbnail
    }))
    .await
}
