//! grader: expect pass
//! Another correct answer: `lint_files` starts a blocking job per file itself and collects the JoinHandles through a `FuturesOrdered`, which hands the reports back in the order the jobs were pushed.
//! grader: replaces items

use futures::StreamExt;
use futures::stream::FuturesOrdered;

/// Every lint starts on the blocking pool at once; the reports come back in the order of `paths`.
pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    let jobs: FuturesOrdered<_> = paths
        .iter()
        .map(|path| {
            let path = path.to_string();
            tokio::task::spawn_blocking(move || linter::check_file(&path))
        })
        .collect();
    jobs.map(|report| report.expect("the linter panicked")).collect().await
}
