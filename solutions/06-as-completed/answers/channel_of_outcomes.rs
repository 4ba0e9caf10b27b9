//! grader: expect pass
//! Another correct answer: each fetch in a task of a `JoinSet`, sending its outcome on
//! an `mpsc` channel; the outcomes are taken off the channel as they come. Returning
//! drops the set, which aborts the tasks still running.

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use workbook::sim::web::{self, FetchError, Page};

/// Starts every fetch; the outcomes come out of the receiver in the order they finish.
fn start(urls: &[&str]) -> (JoinSet<()>, mpsc::UnboundedReceiver<Result<Page, FetchError>>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let mut tasks = JoinSet::new();
    for url in urls {
        let (url, tx) = (url.to_string(), tx.clone());
        tasks.spawn(async move {
            let _ = tx.send(web::fetch_page(&url).await);
        });
    }
    // The last sender goes with the tasks: the channel ends when they are all done.
    (tasks, rx)
}

pub async fn show_as_they_arrive(urls: &[&str], mut show: impl FnMut(Result<Page, FetchError>)) {
    let (_tasks, mut outcomes) = start(urls);
    while let Some(outcome) = outcomes.recv().await {
        show(outcome);
    }
}

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let (_tasks, mut outcomes) = start(urls);
    while let Some(outcome) = outcomes.recv().await {
        if let Ok(page) = outcome {
            return Some(page);
        }
    }
    None
}
