//! grader: expect fail reports_render_side_by_side "The right reports, in another order"
//! Every report on the blocking pool at once through a `JoinSet`, collected as they
//! finish: with equal times that looks like the order of `names`, by luck.
//! grader: replaces items

use tokio::task::JoinSet;

/// Spawns every rendering, then takes them out as they finish.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    let mut jobs = JoinSet::new();
    for name in names {
        let name = name.to_string();
        jobs.spawn_blocking(move || legacy::render_report(&name));
    }
    let mut reports = Vec::new();
    while let Some(report) = jobs.join_next().await {
        reports.push(report.expect("render_report panicked"));
    }
    reports
}
