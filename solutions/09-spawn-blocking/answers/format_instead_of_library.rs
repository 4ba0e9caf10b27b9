//! grader: expect fail render_leaves_the_runtime_free "was never called with "sales""
//! grader: expect fail reports_render_side_by_side "was never called with "full-year""
//! "The report is just `report: <name>`": builds the text with `format!` instead of
//! calling the library. Fast, never blocked, and nothing was rendered.

use std::io;
use std::path::Path;

/// The report, written out directly.
pub async fn render(name: &str) -> String {
    format!("report: {name}")
}

/// Every report, written out directly.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| format!("report: {name}")).collect()
}

/// Saves `text` with `tokio::fs`.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    tokio::fs::write(path, text).await
}

/// Reads the file with `tokio::fs`.
pub async fn load_report(path: &Path) -> io::Result<String> {
    tokio::fs::read_to_string(path).await
}
