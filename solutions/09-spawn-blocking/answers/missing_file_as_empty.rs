//! grader: expect fail a_missing_file_is_an_error "load_report returned Ok("") for a file that does not exist"
//! Reads with `tokio::fs`, but turns any error into an empty report
//! (`unwrap_or_default`): a missing file looks like an empty one.
//! grader: replaces items

/// Every report at once; `join_all` keeps the order.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    join_all(names.iter().map(|name| render(name))).await
}

/// Reads the file; "no file, no report".
pub async fn load_report(path: &Path) -> io::Result<String> {
    Ok(tokio::fs::read_to_string(path).await.unwrap_or_default())
}
