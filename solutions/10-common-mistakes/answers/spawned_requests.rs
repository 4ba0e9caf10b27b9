//! grader: expect pass
//! Another correct answer: the three requests as `tokio::spawn`ed tasks, all started before
//! any handle is awaited; the lints on the blocking pool through `FuturesOrdered`.
//! grader: replaces items

use futures::StreamExt as _;
use futures::stream::FuturesOrdered;

/// Spawns the three requests first, then awaits the handles: all three are in flight.
pub async fn load_review() -> Review {
    let description = tokio::spawn(web::fetch_page("/pulls/42"));
    let diff = tokio::spawn(web::fetch_page("/pulls/42/diff"));
    let status = tokio::spawn(web::fetch_page("/pulls/42/status"));
    Review {
        description: description.await.expect("the request panicked"),
        diff: diff.await.expect("the request panicked"),
        status: status.await.expect("the request panicked"),
    }
}

/// FuturesOrdered runs the lint_file futures together and yields them in input order.
pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    paths.iter().map(|path| lint_file(path)).collect::<FuturesOrdered<_>>().collect().await
}
