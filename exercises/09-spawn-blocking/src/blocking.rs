//! # 09 · spawn_blocking: keep blocking calls off the runtime's thread
//!
//! Python's `await asyncio.to_thread(f, x)` runs a blocking function on a worker thread
//! so the event loop stays free. Tokio's counterpart is
//! `tokio::task::spawn_blocking(move || f(x)).await`: the closure runs on tokio's
//! blocking pool, and the `JoinHandle` it returns is a future you can await.
//!
//! `workbook::sim::legacy::render_report(name)` is an old synchronous library call: it
//! holds whichever thread calls it for 500 ms. Called right here, inside async code, it
//! holds the runtime's only thread, and a heartbeat task the checks run beside it goes
//! unanswered for those 500 ms.
//!
//! File I/O is the same story: `std::fs` blocks. `tokio::fs` (the counterpart of
//! Python's aiofiles) does the work on the blocking pool for you.
//!
//! Run `grader check 09` to see how your code ran. The chapter is
//! `docs/src/09-spawn-blocking.md`.

use std::io;
use std::path::Path;

use workbook::sim::legacy;

/// Renders the report `name` without holding the runtime's thread.
pub async fn render(name: &str) -> String {
    // TODO: this blocks the runtime for 500 ms. Run it on the blocking pool with
    //       `tokio::task::spawn_blocking`; its closure must own what it uses.
    legacy::render_report(name)
}

/// Renders every report in `names` at the same time, on the blocking pool, and returns
/// them in the order of `names`.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    // TODO: one after another, this takes 500 ms per report. Start them all first,
    //       then await them all.
    let mut reports = Vec::new();
    for name in names {
        reports.push(render(name).await);
    }
    reports
}

/// Saves `text` to the file at `path`, without blocking the runtime.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    // TODO: `std::fs` blocks the runtime while the disk works. Use `tokio::fs`.
    std::fs::write(path, text)
}

/// Reads the file at `path`, without blocking the runtime.
pub async fn load_report(path: &Path) -> io::Result<String> {
    // TODO: `std::fs` blocks the runtime while the disk works. Use `tokio::fs`.
    std::fs::read_to_string(path)
}
