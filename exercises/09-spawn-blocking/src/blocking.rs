//! # 09 · spawn_blocking: keep blocking calls off the runtime's thread
//!
//! Python's `await asyncio.to_thread(f, x)` runs a blocking function on a worker thread
//! so the event loop stays free. Tokio keeps a pool of threads for such calls, apart
//! from the runtime's own; the chapter shows how to hand work to it.
//!
//! `workbook::sim::legacy::render_report(name)` is an old synchronous library call: it
//! holds whichever thread calls it for 500 ms. Called right here, inside async code, it
//! holds the runtime's only thread, and a heartbeat task the checks run beside it goes
//! unanswered for those 500 ms.
//!
//! File I/O is the same story: `std::fs` blocks the thread while the disk works, like
//! Python's `open()` inside a coroutine.
//!
//! Run `grader check 09` to see how your code ran. The chapter is
//! `docs/src/09-spawn-blocking.md`.

use std::io;
use std::path::Path;

use workbook::sim::legacy;

/// Renders the report `name` without holding the runtime's thread.
pub async fn render(name: &str) -> String {
    // TODO: this holds the runtime's only thread for 500 ms, and every other task (the
    //       checks' heartbeat) waits that long. The call must run on some other thread
    //       while this task waits for its result without holding the runtime's thread.
    legacy::render_report(name)
}

/// Renders every report in `names` at the same time, on the blocking pool, and returns
/// them in the order of `names`.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    // TODO: one after another, this takes 500 ms per report. All of them must render at
    //       the same time, each off the runtime's thread (three reports in about 500 ms),
    //       and come back in the order of `names`.
    let mut reports = Vec::new();
    for name in names {
        reports.push(render(name).await);
    }
    reports
}

/// Saves `text` to the file at `path`, without blocking the runtime.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    // TODO: `std::fs` holds the runtime's thread while the disk works, and a slow disk
    //       stalls every other task. Write the file without holding it.
    std::fs::write(path, text)
}

/// Reads the file at `path`, without blocking the runtime.
pub async fn load_report(path: &Path) -> io::Result<String> {
    // TODO: the same for reading: other tasks must keep running while the disk works.
    std::fs::read_to_string(path)
}
