//! A simulated legacy library: synchronous calls that hold the thread, the way a
//! blocking database driver or `requests.get` would. Calling one inside async code
//! blocks the runtime; it belongs in `tokio::task::spawn_blocking`.

use std::time::Duration;

use crate::trace::Span;

/// How long [`render_report`] holds the thread, in real time: 500 ms.
pub const BLOCK_TIME: Duration = Duration::from_millis(500);

/// Renders a report the old-fashioned way: holds the calling thread for 500 ms of
/// real time. No tokio time passes while it does. Actor `legacy <name>`.
///
/// ```
/// let report = tokio::runtime::Runtime::new().unwrap().block_on(async {
///     tokio::task::spawn_blocking(|| workbook::sim::legacy::render_report("sales")).await.unwrap()
/// });
/// assert_eq!(report, "report: sales");
/// ```
pub fn render_report(name: &str) -> String {
    let span = Span::begin(format!("legacy {name}"), "call started (blocks the thread)");
    std::thread::sleep(BLOCK_TIME);
    span.end("call returned");
    format!("report: {name}")
}
