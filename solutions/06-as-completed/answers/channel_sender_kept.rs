//! grader: expect fail fastest_page_is_shown_first "a channel whose sender is kept alive"
//! grader: expect fail failures_are_shown_too "a channel whose sender is kept alive"
//! grader: expect fail nothing_to_show_without_urls "never returned"
//! Spawns each fetch with a clone of an `mpsc` sender and shows what comes off the
//! receiver, but keeps the original sender: the channel never closes, so
//! `recv().await` waits for one more outcome after the last one.
//! grader: replaces items

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for url in urls {
        let (url, tx) = (url.to_string(), tx.clone());
        tokio::spawn(async move {
            let _ = tx.send(web::fetch_page(&url).await);
        });
    }
    while let Some(outcome) = rx.recv().await {
        show(outcome);
    }
}
