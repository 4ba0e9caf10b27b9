//! grader: expect pass
//! Another correct answer: a plain `std::thread` per report, whose result comes back over a
//! oneshot channel, and `std::fs` moved onto the blocking pool by hand. More work than
//! spawn_blocking, but the runtime's thread is just as free.

use std::io;
use std::path::Path;

use futures::future::join_all;
use workbook::sim::legacy;

/// Renders on a thread of its own; the runtime awaits the channel, not the thread.
pub async fn render(name: &str) -> String {
    let (done, report) = tokio::sync::oneshot::channel();
    let name = name.to_string();
    std::thread::spawn(move || {
        let _ = done.send(legacy::render_report(&name));
    });
    report.await.expect("the rendering thread died")
}

/// Every report on its own thread at once.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    join_all(names.iter().map(|name| render(name))).await
}

/// `std::fs::write`, but on the blocking pool.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    let (path, text) = (path.to_path_buf(), text.to_string());
    tokio::task::spawn_blocking(move || std::fs::write(path, text)).await?
}

/// `std::fs::read_to_string`, but on the blocking pool.
pub async fn load_report(path: &Path) -> io::Result<String> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || std::fs::read_to_string(path)).await?
}
