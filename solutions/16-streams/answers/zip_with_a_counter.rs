//! grader: expect fail first_books_stops_after_n "asked the stream for at least one book more than it needed"
//! `first_books` as `stream::iter(0..n).zip(all_books())`, like Python's
//! `zip(range(n), ...)`: `zip` asks both streams for an item before it looks whether
//! either has ended, so after the n-th book it asks all_books() for one more, and when
//! book n is the last of a page, the next page is fetched (and dropped half way).
//! grader: replaces items

/// The first `n` books of the catalogue.
pub async fn first_books(n: usize) -> Vec<Book> {
    stream::iter(0..n).zip(all_books()).map(|(_, book)| book).collect().await
}
