//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "Mistake 3: a synchronous call wrapped in an `async fn`"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "Even `join_all` can't make them overlap"
//! Mistake 3 only: the synchronous call wrapped in an `async fn`, as in the stub.
//! grader: replaces items

/// `async fn` around a synchronous call: it still holds the thread.
pub async fn lint_file(path: &str) -> LintReport {
    linter::check_file(path)
}
