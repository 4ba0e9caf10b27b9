//! grader: expect pass
//! Another correct answer: the blocking jobs collected through a `FuturesOrdered` (results in the order they were pushed), and the files read and written with `std::fs` inside `spawn_blocking`, which is what `tokio::fs` does for you.
//! grader: replaces items

use futures::StreamExt;
use futures::stream::FuturesOrdered;

/// Renders every report at once on the blocking pool, in the order of `names`.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    let jobs: FuturesOrdered<_> = names
        .iter()
        .map(|name| {
            let name = name.to_string();
            tokio::task::spawn_blocking(move || legacy::render_report(&name))
        })
        .collect();
    jobs.map(|report| report.expect("render_report panicked")).collect().await
}

/// Saves `text` with `std::fs`, on the blocking pool.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    let (path, text) = (path.to_path_buf(), text.to_string());
    tokio::task::spawn_blocking(move || std::fs::write(path, text)).await.expect("the write panicked")
}

/// Reads the file with `std::fs`, on the blocking pool.
pub async fn load_report(path: &Path) -> io::Result<String> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || std::fs::read_to_string(path)).await.expect("the read panicked")
}
