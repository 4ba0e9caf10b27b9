//! grader: expect fail reading_stops_when_the_feed_goes_quiet "it waited for them, then did not return them"
//! A per-book timeout whose `Err(Elapsed)` is passed up with `?` from a helper, and
//! turned into an empty Vec by `unwrap_or_default()`: the reading stops at the right
//! moment, but the books read before the timeout are thrown away with the error.
//! grader: replaces items

/// Reads books until the stream ends or the feed goes quiet.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    async fn read_all(
        books: impl Stream<Item = Book>,
        quiet: Duration,
    ) -> Result<Vec<Book>, tokio::time::error::Elapsed> {
        let mut books = std::pin::pin!(books);
        let mut read = Vec::new();
        while let Some(book) = tokio::time::timeout(quiet, books.next()).await? {
            read.push(book);
        }
        Ok(read)
    }
    read_all(books, quiet).await.unwrap_or_default()
}
