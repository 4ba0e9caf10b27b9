//! grader: expect pass
//! Another correct answer: `join_all` over the three requests, `sleep_until` a deadline,
//! and lint_files spawning every blocking job itself and joining the JoinHandles.
//! grader: replaces items

use tokio::time::Instant;

/// The three requests in one `join_all`: a Vec comes back, in the order of the input.
pub async fn load_review() -> Review {
    let pages = join_all(["/pulls/42", "/pulls/42/diff", "/pulls/42/status"].map(web::fetch_page)).await;
    let [description, diff, status]: [Result<Page, FetchError>; 3] =
        pages.try_into().expect("three requests give three answers");
    Review { description, diff, status }
}

/// Sleeps until a deadline one pause from now: also a timer.
pub async fn pause_for_rate_limit() {
    tokio::time::sleep_until(Instant::now() + RATE_LIMIT_PAUSE).await;
}

/// Spawns one blocking job per file, then awaits the handles all together.
pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    let jobs = paths.iter().map(|path| {
        let path = path.to_string();
        tokio::task::spawn_blocking(move || linter::check_file(&path))
    });
    let handles: Vec<_> = jobs.collect();
    join_all(handles).await.into_iter().map(|report| report.expect("the linter panicked")).collect()
}
