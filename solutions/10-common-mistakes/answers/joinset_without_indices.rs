//! grader: expect fail mistake_3_files_are_linted_in_parallel "one report per file, in the order of `paths`"
//! Every lint on the blocking pool at once through a `JoinSet`, but the reports are
//! collected as the jobs finish: in the order of their speed, not of `paths`.
//! grader: replaces items

use tokio::task::JoinSet;

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
