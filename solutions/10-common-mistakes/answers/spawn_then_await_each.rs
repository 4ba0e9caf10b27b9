//! grader: expect fail mistake_1_independent_requests_run_together "Mistake 1: awaiting independent work in sequence"
//! Spawns each request as a task but awaits its handle straight away: sequential again.

use std::time::Duration;

use futures::future::join_all;
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

/// Each task is awaited before the next one is spawned.
pub async fn load_review() -> Review {
    let description = tokio::spawn(web::fetch_page("/pulls/42")).await.expect("the request panicked");
    let diff = tokio::spawn(web::fetch_page("/pulls/42/diff")).await.expect("the request panicked");
    let status = tokio::spawn(web::fetch_page("/pulls/42/status")).await.expect("the request panicked");
    Review { description, diff, status }
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

/// Every lint starts on the blocking pool before any is awaited; `join_all` keeps the
/// order of `paths`.
pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    join_all(paths.iter().map(|path| lint_file(path))).await
}
