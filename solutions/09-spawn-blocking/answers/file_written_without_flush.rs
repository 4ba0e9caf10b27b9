//! grader: expect fail save_report_uses_tokio_fs "before the disk had taken its data"
//! `save_report` writes through a `tokio::fs::File` with `write_all` and lets the file drop without `flush()`: tokio's File hands the write to the blocking pool, and a write still in flight when the handle is dropped may not have reached the disk when `save_report` returns.
//! grader: replaces items

use tokio::io::AsyncWriteExt;

/// Saves `text` through a tokio file handle.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    let mut file = tokio::fs::File::create(path).await?;
    file.write_all(text.as_bytes()).await
}
