//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "Mistake 3: a synchronous call wrapped in an `async fn`"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "Mistake 3: a synchronous call wrapped in an `async fn`"
//! Moves the call into a `tokio::spawn`ed task: tasks run on the runtime's thread, so it
//! still blocks.
//! grader: replaces items

/// A task is not a thread: the call still holds the runtime's thread.
pub async fn lint_file(path: &str) -> LintReport {
    let path = path.to_string();
    tokio::spawn(async move { linter::check_file(&path) }).await.expect("the linter panicked")
}
