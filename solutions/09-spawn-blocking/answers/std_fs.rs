//! grader: expect fail load_report_uses_tokio_fs "went unanswered"
//! grader: expect fail save_report_uses_tokio_fs "went unanswered"
//! Renders on the blocking pool, but reads and writes files with `std::fs` inside async
//! code: the runtime waits for the disk.
//! grader: replaces items

/// Saves `text` with `tokio::fs`, which does the writing on the blocking pool.
pub async fn save_report(path: &Path, text: &str) -> io::Result<()> {
    std::fs::write(path, text)
}

/// Reads the file with `tokio::fs`, which does the reading on the blocking pool.
pub async fn load_report(path: &Path) -> io::Result<String> {
    std::fs::read_to_string(path)
}
