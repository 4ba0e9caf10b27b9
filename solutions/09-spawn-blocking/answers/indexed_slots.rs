//! grader: expect pass
//! Another correct answer: the blocking jobs in a `FuturesUnordered`, each tagged with
//! its place, and every report written into its own slot as it finishes.
//! grader: replaces items

use futures::stream::{FuturesUnordered, StreamExt as _};

/// Every job at once; each report goes back to its place.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    let mut jobs: FuturesUnordered<_> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = name.to_string();
            async move { (i, tokio::task::spawn_blocking(move || legacy::render_report(&name)).await) }
        })
        .collect();
    let mut slots = vec![String::new(); names.len()];
    while let Some((i, report)) = jobs.next().await {
        slots[i] = report.expect("render_report panicked");
    }
    slots
}

/// Saves with a `tokio::fs::File`, flushed before returning.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    use tokio::io::AsyncWriteExt as _;
    let mut file = tokio::fs::File::create(path).await?;
    file.write_all(text.as_bytes()).await?;
    file.flush().await
}
