//! grader: expect fail reading_stops_when_the_feed_goes_quiet "the limit it used was shorter than the `quiet` it was given"
//! A per-book timeout with the quiet limit turned into whole seconds
//! (`Duration::from_secs(quiet.as_secs())`): right for 1 s, too short for 1.337 s.
//! grader: replaces items

/// Reads books from `books` until the stream ends, or until the next book takes longer
/// than `quiet` to come (counted from when you ask for it). Returns the books read, and
/// drops the stream, which cancels the wait for the book that didn't come.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    // `next()` needs a stream that can't move in memory: `pin!` pins it here, on the stack.
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    while let Ok(Some(book)) = tokio::time::timeout(Duration::from_secs(quiet.as_secs()), books.next()).await {
        read.push(book);
    }
    read
}
