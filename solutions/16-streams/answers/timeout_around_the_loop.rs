//! grader: expect fail reading_stops_when_the_feed_goes_quiet "ran over the whole reading"
//! grader: expect fail a_feed_that_ends_is_read_to_the_end "ran over the whole reading"
//! One `timeout(quiet, ..)` around the whole reading loop: the reading ends `quiet`
//! after it starts, however lively the feed.
//! grader: replaces items

/// Reads books until the stream ends or the feed goes quiet.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    let _ = tokio::time::timeout(quiet, async {
        while let Some(book) = books.next().await {
            read.push(book);
        }
    })
    .await;
    read
}
