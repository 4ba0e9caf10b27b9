//! A simulated legacy library: synchronous calls that hold the thread, the way a
//! blocking database driver or `requests.get` would. Calling one inside async code
//! blocks the runtime; it belongs in `tokio::task::spawn_blocking`.

use std::sync::Mutex;
use std::time::Duration;

use crate::trace::Span;

/// How long [`render_report`] holds the thread, in real time: 500 ms.
pub const BLOCK_TIME: Duration = Duration::from_millis(500);

/// Every report [`render_report`] has finished, by name, in this process, from every
/// thread: the library's own record of its calls. A check notes its length before a run
/// and reads what was added, so a report can be matched to a real call, even one made
/// on a plain `std::thread`, which the trace can't see.
static RENDERED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The names of every report rendered so far in this process, in the order the calls
/// returned.
///
/// ```
/// use workbook::sim::legacy;
///
/// let before = legacy::rendered().len();
/// let report = std::thread::spawn(|| legacy::render_report("sales")).join().unwrap();
/// assert_eq!(report, "report: sales");
/// assert_eq!(legacy::rendered()[before..], ["sales"]);
/// ```
pub fn rendered() -> Vec<String> {
    RENDERED.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
}

/// How long [`render_report`] holds the thread for `name`: [`BLOCK_TIME`] (500 ms),
/// and 300 ms more (800 ms) for a name containing `full`, a full report. Reports
/// rendered side by side so finish in an order of their own.
///
/// ```
/// use workbook::{millis, sim::legacy};
///
/// assert_eq!(legacy::render_time("sales"), millis(500));
/// assert_eq!(legacy::render_time("full-year"), millis(800));
/// ```
pub fn render_time(name: &str) -> Duration {
    if name.contains("full") { BLOCK_TIME + Duration::from_millis(300) } else { BLOCK_TIME }
}

/// Renders a report the old-fashioned way: holds the calling thread for 500 ms of
/// real time ([`render_time`]: 800 ms for a full report). No tokio time passes while
/// it does. Actor `legacy <name>`.
///
/// ```
/// let report = tokio::runtime::Runtime::new().unwrap().block_on(async {
///     tokio::task::spawn_blocking(|| workbook::sim::legacy::render_report("sales")).await.unwrap()
/// });
/// assert_eq!(report, "report: sales");
/// ```
pub fn render_report(name: &str) -> String {
    let span = Span::begin(format!("legacy {name}"), "call started (blocks the thread)");
    std::thread::sleep(render_time(name));
    span.end("call returned");
    RENDERED.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(name.to_string());
    format!("report: {name}")
}
