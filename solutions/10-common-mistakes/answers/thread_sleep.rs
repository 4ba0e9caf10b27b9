//! grader: expect fail mistake_2_pauses_do_not_block "Mistake 2: a pause that holds the runtime's thread"
//! Mistake 2 only: waits with `std::thread::sleep`, holding the runtime's thread.

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

/// Python's `time.sleep(1)` in an `async def`.
pub async fn pause_for_rate_limit() {
    std::thread::sleep(RATE_LIMIT_PAUSE);
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
