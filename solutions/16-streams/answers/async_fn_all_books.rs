//! grader: expect compile-error "impl futures::Future<Output = impl Stream<Item = Book>>: Stream"
//! `all_books` as an `async fn`, the way Python writes an async generator (`async def`
//! with `yield`): calling it gives a future of a stream, not a stream.
//! grader: replaces items

/// Every book of the catalogue, in order, page after page.
pub async fn all_books() -> impl Stream<Item = Book> {
    pages().flat_map(stream::iter)
}

/// The first `n` books of the catalogue.
pub async fn first_books(n: usize) -> Vec<Book> {
    all_books().await.take(n).collect().await
}
