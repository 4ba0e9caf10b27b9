//! grader: expect fail a_missing_file_is_an_error "Your code panicked"
//! `load_report` reads with `tokio::fs` but unwraps the result, as a script would let the exception fly: a missing file panics instead of coming back as an `Err`.
//! grader: replaces items

/// Reads the file with `tokio::fs`.
pub async fn load_report(path: &Path) -> io::Result<String> {
    let text = tokio::fs::read_to_string(path).await.unwrap();
    Ok(text)
}
