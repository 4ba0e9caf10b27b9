//! grader: expect pass
//! Another correct answer, without tasks: every fetch is a producer future sending its
//! outcome on a channel, all of them joined (`join_all`) with a consumer that shows what
//! comes off the receiver; the last sender is dropped with the producers, which ends the
//! consumer's loop. `first_to_answer` races the producers against a consumer that stops
//! at the first page (`select!`), which drops the producers, cancelling their fetches.
//! grader: replaces items

use futures::future::join_all;

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let producers = join_all(urls.iter().map(|url| {
        let tx = tx.clone();
        async move {
            let _ = tx.send(web::fetch_page(url).await);
        }
    }));
    drop(tx);
    let consumer = async {
        while let Some(outcome) = rx.recv().await {
            show(outcome);
        }
    };
    tokio::join!(producers, consumer);
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let producers = join_all(urls.iter().map(|url| {
        let tx = tx.clone();
        async move {
            let _ = tx.send(web::fetch_page(url).await);
        }
    }));
    drop(tx);
    let consumer = async {
        while let Some(outcome) = rx.recv().await {
            if let Ok(page) = outcome {
                return Some(page);
            }
        }
        None
    };
    tokio::pin!(producers, consumer);
    tokio::select! {
        biased;
        page = &mut consumer => page,
        _ = &mut producers => consumer.await,
    }
}
