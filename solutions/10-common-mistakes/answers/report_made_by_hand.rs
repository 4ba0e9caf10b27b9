//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "never ran on src/unsorted.rs"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "never ran on src/main.rs"
//! "The linter only looks for `unsorted` in the path": the report is written by hand,
//! without calling the linter at all. Fast, and never blocked, but no file was checked.

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

/// The report the linter would give, made up from the path.
pub async fn lint_file(path: &str) -> LintReport {
    let problems =
        if path.contains("unsorted") { vec![linter::UNSORTED_IMPORTS.to_string()] } else { Vec::new() };
    LintReport { path: path.to_string(), problems }
}

pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    join_all(paths.iter().map(|path| lint_file(path))).await
}
