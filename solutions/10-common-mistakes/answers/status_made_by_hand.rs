//! grader: expect fail mistake_1_independent_requests_run_together "the server sent no such page"
//! Fetches the description and the diff together, and fills in the status page by
//! hand ("the CI is always green anyway"), without asking the server.

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

/// How long the code host makes a bot wait between two calls: 1 s.
pub const RATE_LIMIT_PAUSE: Duration = Duration::from_secs(1);

/// Two requests together; the status is assumed.
pub async fn load_review() -> Review {
    let (description, diff) = tokio::join!(web::fetch_page("/pulls/42"), web::fetch_page("/pulls/42/diff"));
    let status = Ok(Page { url: "/pulls/42/status".to_string(), body: "<h1>passing</h1>".to_string() });
    Review { description, diff, status }
}

pub async fn pause_for_rate_limit() {
    tokio::time::sleep(RATE_LIMIT_PAUSE).await;
}

pub async fn lint_file(path: &str) -> LintReport {
    let path = path.to_string();
    tokio::task::spawn_blocking(move || linter::check_file(&path)).await.expect("the linter panicked")
}

pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    join_all(paths.iter().map(|path| lint_file(path))).await
}
