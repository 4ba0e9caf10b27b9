//! grader: expect fail reading_stops_when_the_feed_goes_quiet "waits on for the same book"
//! grader: expect fail a_silent_feed_gives_nothing "waits on for the same book"
//! A timeout on each `next()`, but the loop goes on after `Err(Elapsed)`: the stream
//! still waits for the late book, and the reader waits with it.
//! grader: replaces items

/// Reads books until the stream ends or the feed goes quiet.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    loop {
        match tokio::time::timeout(quiet, books.next()).await {
            Ok(Some(book)) => read.push(book),
            Ok(None) => break,
            // Too slow: skip it and try the next one.
            Err(_) => continue,
        }
    }
    read
}
