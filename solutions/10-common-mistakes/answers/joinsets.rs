//! grader: expect pass
//! Another correct answer: a `JoinSet` of spawned requests (each tagged with its page),
//! and a `JoinSet` of `spawn_blocking` lints whose reports go back to their own slots.

use std::time::Duration;

use tokio::task::JoinSet;
use workbook::sim::linter::{self, LintReport};
use workbook::sim::web::{self, FetchError, Page};

/// What a reviewer looks at: the three pages of pull request 42.
#[derive(Debug)]
pub struct Review {
    /// `/pulls/42`: the title and the description.
    pub description: Result<Page, FetchError>,
    /// `/pulls/42/diff`: the changes.
    pub diff: Result<Page, FetchError>,
    /// `/pulls/42/status`: what the CI said.
    pub status: Result<Page, FetchError>,
}

/// Three tasks in a JoinSet; each result comes back with the URL it belongs to.
pub async fn load_review() -> Review {
    let mut requests = JoinSet::new();
    for url in ["/pulls/42", "/pulls/42/diff", "/pulls/42/status"] {
        requests.spawn(async move { (url, web::fetch_page(url).await) });
    }
    let (mut description, mut diff, mut status) = (None, None, None);
    while let Some(done) = requests.join_next().await {
        let (url, page) = done.expect("a request panicked");
        match url {
            "/pulls/42" => description = Some(page),
            "/pulls/42/diff" => diff = Some(page),
            _ => status = Some(page),
        }
    }
    Review {
        description: description.expect("fetched"),
        diff: diff.expect("fetched"),
        status: status.expect("fetched"),
    }
}

/// How long the code host makes a bot wait between two calls: 1 s.
pub const RATE_LIMIT_PAUSE: Duration = Duration::from_secs(1);

/// A timer: the thread goes back to the runtime until it fires.
pub async fn pause_for_rate_limit() {
    tokio::time::sleep(RATE_LIMIT_PAUSE).await;
}

/// The synchronous call runs on tokio's blocking pool; the closure owns its path.
pub async fn lint_file(path: &str) -> LintReport {
    let path = path.to_string();
    tokio::task::spawn_blocking(move || linter::check_file(&path)).await.expect("the linter panicked")
}

/// A JoinSet of blocking jobs: reports arrive as they finish, each with its index.
pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    let mut lints = JoinSet::new();
    for (index, path) in paths.iter().enumerate() {
        let path = path.to_string();
        lints.spawn_blocking(move || (index, linter::check_file(&path)));
    }
    let mut reports: Vec<Option<LintReport>> = vec![None; paths.len()];
    while let Some(done) = lints.join_next().await {
        let (index, report) = done.expect("the linter panicked");
        reports[index] = Some(report);
    }
    reports.into_iter().map(|report| report.expect("every file was linted")).collect()
}
