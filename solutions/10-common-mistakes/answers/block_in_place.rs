//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "`tokio::task::block_in_place` panicked"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "`tokio::task::block_in_place` panicked"
//! Uses `tokio::task::block_in_place`, which panics on a current-thread runtime.
//! grader: replaces items

/// block_in_place: only allowed on the multi-threaded runtime.
pub async fn lint_file(path: &str) -> LintReport {
    tokio::task::block_in_place(|| linter::check_file(path))
}
