//! grader: expect fail render_leaves_the_runtime_free "went unanswered"
//! grader: expect fail reports_render_side_by_side "went unanswered"
//! Moves the blocking call into `tokio::spawn`ed tasks: a task is not a thread, and on this
//! runtime every task shares the one thread that render_report then holds.
//! grader: replaces items

/// Renders the report `name` on the blocking pool: the runtime's thread stays free.
pub async fn render(name: &str) -> String {
    // The closure runs on another thread, maybe after this function returned, so it
    // can't borrow `name`: give it its own copy.
    let name = name.to_string();
    tokio::spawn(async move { legacy::render_report(&name) }).await.expect("render_report panicked")
}

/// Starts every rendering first, then waits for all of them: 500 ms in all, not 500 ms
/// per report. `join_all` keeps the order of `names`.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    let jobs = names.iter().map(|name| {
        let name = name.to_string();
        tokio::spawn(async move { legacy::render_report(&name) })
    });
    join_all(jobs).await.into_iter().map(|report| report.expect("render_report panicked")).collect()
}
