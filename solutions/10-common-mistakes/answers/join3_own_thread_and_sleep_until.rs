//! grader: expect fail mistake_3_lint_file_leaves_the_runtime_free "on a thread the runtime knows nothing about"
//! grader: expect fail mistake_3_files_are_linted_in_parallel "on a thread the runtime knows nothing about"
//! `futures::future::join3` for the three requests and a `sleep_until` a deadline one pause away (both correct), but the linter on a thread of its own that sends its report back over a oneshot channel: it works on a real clock, but the task asks for the blocking pool, and a paused clock, knowing nothing of the thread, jumps ahead.
//! grader: replaces items

/// The three requests go out together: 1 s, the time of the slowest.
pub async fn load_review() -> Review {
    let (description, diff, status) = futures::future::join3(
        web::fetch_page("/pulls/42"),
        web::fetch_page("/pulls/42/diff"),
        web::fetch_page("/pulls/42/status"),
    )
    .await;
    Review { description, diff, status }
}

/// A timer: the thread goes back to the runtime until it fires.
pub async fn pause_for_rate_limit() {
    tokio::time::sleep_until(tokio::time::Instant::now() + RATE_LIMIT_PAUSE).await;
}

/// The synchronous call runs on a thread of its own; its report comes back over a channel.
pub async fn lint_file(path: &str) -> LintReport {
    let path = path.to_string();
    let (report_tx, report_rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = report_tx.send(linter::check_file(&path));
    });
    report_rx.await.expect("the linter panicked")
}
