//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "never ran on src/unsorted.rs"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "never ran on src/main.rs"
//! "The linter only looks for `unsorted` in the path": the report is written by hand,
//! without calling the linter at all. Fast, and never blocked, but no file was checked.
//! grader: replaces items

/// The report the linter would give, made up from the path.
pub async fn lint_file(path: &str) -> LintReport {
    let problems =
        if path.contains("unsorted") { vec![linter::UNSORTED_IMPORTS.to_string()] } else { Vec::new() };
    LintReport { path: path.to_string(), problems }
}
