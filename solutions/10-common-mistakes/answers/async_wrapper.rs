//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "Mistake 3: a synchronous call wrapped in an `async fn`"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "Even `join_all` can't make them overlap"
//! Mistake 3 only: the synchronous call wrapped in an `async fn`, as in the stub.

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

/// The three requests go out together: 1 s, the time of the slowest.
pub async fn load_review() -> Review {
    let (description, diff, status) = tokio::join!(
        web::fetch_page("/pulls/42"),
        web::fetch_page("/pulls/42/diff"),
        web::fetch_page("/pulls/42/status"),
    );
    Review { description, diff, status }
}

/// How long the code host makes a bot wait between two calls: 1 s.
pub const RATE_LIMIT_PAUSE: Duration = Duration::from_secs(1);

/// A timer: the thread goes back to the runtime until it fires.
pub async fn pause_for_rate_limit() {
    tokio::time::sleep(RATE_LIMIT_PAUSE).await;
}

/// `async fn` around a synchronous call: it still holds the thread.
pub async fn lint_file(path: &str) -> LintReport {
    linter::check_file(path)
}

/// Every lint starts on the blocking pool before any is awaited; `join_all` keeps the
/// order of `paths`.
pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    join_all(paths.iter().map(|path| lint_file(path))).await
}
