//! grader: expect fail mistake_3_files_are_linted_in_parallel "one report per file, in the order of `paths`"
//! `buffer_unordered(2)` over the lints: "two threads is plenty". The reports come back
//! as they finish, not in the order of `paths`, and the third file waits for a slot.
//! grader: replaces items

use futures::stream::{self, StreamExt as _};

pub async fn lint_files(paths: &[&str]) -> Vec<LintReport> {
    stream::iter(paths.iter().copied()).map(lint_file).buffer_unordered(2).collect().await
}
