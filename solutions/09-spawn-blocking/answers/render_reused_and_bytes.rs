//! grader: expect pass
//! Another correct answer: `render_all` reuses `render` under `join_all`, and the
//! files go through `tokio::fs` as bytes, checked to be UTF-8.
//! grader: replaces items

/// Every report at once; `join_all` keeps the order.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    join_all(names.iter().map(|name| render(name))).await
}

/// Writes the bytes with `tokio::fs`.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    tokio::fs::write(path, text.as_bytes()).await
}

/// Reads the bytes with `tokio::fs`, then checks they are text.
pub async fn load_report(path: &Path) -> io::Result<String> {
    let bytes = tokio::fs::read(path).await?;
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}
