// The closure handed to `spawn_blocking` runs on another thread and may outlive the
// call, so it can't borrow `path`: give it a `String` of its own.
use workbook::sim::linter::{self, LintReport};

async fn lint_file(path: &str) -> LintReport {
    tokio::task::spawn_blocking(move || linter::check_file(path)).await.expect("the linter panicked")
}

fn main() {
    drop(lint_file("src/main.rs"));
}
