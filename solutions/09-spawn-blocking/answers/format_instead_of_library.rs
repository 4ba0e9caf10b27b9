//! grader: expect fail render_leaves_the_runtime_free "was never called with "sales""
//! grader: expect fail reports_render_side_by_side "was never called with "full-year""
//! "The report is just `report: <name>`": builds the text with `format!` instead of
//! calling the library. Fast, never blocked, and nothing was rendered.
//! grader: replaces items

/// The report, written out directly.
pub async fn render(name: &str) -> String {
    format!("report: {name}")
}

/// Every report, written out directly.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| format!("report: {name}")).collect()
}
