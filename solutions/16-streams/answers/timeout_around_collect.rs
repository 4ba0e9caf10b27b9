//! grader: expect fail reading_stops_when_the_feed_goes_quiet "the books collected inside it"
//! grader: expect fail a_feed_that_ends_is_read_to_the_end "ran over the whole reading"
//! `timeout(quiet, books.collect())`: the limit covers the whole reading, and when it
//! fires, the books collected so far are dropped with the `collect` future.
//! grader: replaces items

/// Reads books until the stream ends or the feed goes quiet.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    tokio::time::timeout(quiet, books.collect()).await.unwrap_or_default()
}
