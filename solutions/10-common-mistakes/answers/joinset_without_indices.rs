//! grader: expect fail mistake_3_files_are_linted_in_parallel "one report per file, in the order of `paths`"
//! Every lint on the blocking pool at once through a `JoinSet`, but the reports are
//! collected as the jobs finish: in the order of their speed, not of `paths`.

use tokio::task::JoinSet;
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

pub async fn load_review() -> Review {
    let (description, diff, status) = tokio::join!(
        web::fetch_page("/pulls/42"),
        web::fetch_page("/pulls/42/diff"),
        web::fetch_page("/pulls/42/status"),
    );
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
    let mut jobs = JoinSet::new();
    for path in paths {
        let path = path.to_string();
        jobs.spawn_blocking(move || linter::check_file(&path));
    }
    let mut reports = Vec::new();
    while let Some(report) = jobs.join_next().await {
        reports.push(report.expect("the linter panicked"));
    }
    reports
}
