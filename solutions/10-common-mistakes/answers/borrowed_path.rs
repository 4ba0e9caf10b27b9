//! grader: expect compile-error "borrowed data escapes outside of function"
//! Hands `spawn_blocking` a closure that borrows `path`: the job may outlive the call,
//! so it must own its data (`'static`).
//! grader: replaces items

/// The closure borrows the caller's `&str`.
pub async fn lint_file(path: &str) -> LintReport {
    tokio::task::spawn_blocking(move || linter::check_file(path)).await.expect("the linter panicked")
}
