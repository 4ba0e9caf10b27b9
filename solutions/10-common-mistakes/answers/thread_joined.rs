//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "but on a thread of your own"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "`join()` is a blocking call too"
//! Runs the linter on a thread of its own, then `join()`s it, like `thread.join()` in Python: the linter is off the runtime's thread, but `join()` blocks the runtime's thread until it is done.
//! grader: replaces items

/// The linter on a thread of its own, joined at once.
pub async fn lint_file(path: &str) -> LintReport {
    let path = path.to_string();
    std::thread::spawn(move || linter::check_file(&path)).join().expect("the linter panicked")
}
