//! grader: expect pass
//! Another correct answer: `futures::future::join3` for the requests, an `interval`
//! whose second tick is the pause, and lints in a `FuturesUnordered` tagged with their
//! index, put back in order at the end.
//! grader: replaces items

use futures::stream::{FuturesUnordered, StreamExt as _};

pub async fn load_review() -> Review {
    let (description, diff, status) = futures::future::join3(
        web::fetch_page("/pulls/42"),
        web::fetch_page("/pulls/42/diff"),
        web::fetch_page("/pulls/42/status"),
    )
    .await;
    Review { description, diff, status }
}

/// An interval ticks at once, then every period: the second tick is one pause later.
pub async fn pause_for_rate_limit() {
    let mut ticks = tokio::time::interval(RATE_LIMIT_PAUSE);
    ticks.tick().await;
    ticks.tick().await;
}

pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    let mut jobs: FuturesUnordered<_> =
        paths.iter().enumerate().map(|(i, path)| async move { (i, lint_file(path).await) }).collect();
    let mut reports = Vec::new();
    while let Some(done) = jobs.next().await {
        reports.push(done);
    }
    reports.sort_by_key(|(i, _)| *i);
    reports.into_iter().map(|(_, report)| report).collect()
}
