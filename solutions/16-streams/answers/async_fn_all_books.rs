//! grader: expect compile-error "impl futures::Future<Output = impl Stream<Item = Book>>: Stream"
//! `all_books` as an `async fn`, the way Python writes an async generator (`async def`
//! with `yield`): calling it gives a future of a stream, not a stream.
//! grader: replaces items

/// Every book of the catalogue, in order, page after page.
pub async fn all_books() -> impl Stream<Item = Book> {
    stream::unfold(NextPage::First, |next| async move {
        let cursor = match next {
            NextPage::First => None,
            NextPage::At(cursor) => Some(cursor),
            NextPage::NoMore => return None,
        };
        let page = pager::fetch_page(cursor).await;
        let after = match page.next {
            Some(cursor) => NextPage::At(cursor),
            None => NextPage::NoMore,
        };
        Some((page.books, after))
    })
    .flat_map(stream::iter)
}

/// The first `n` books of the catalogue.
pub async fn first_books(n: usize) -> Vec<Book> {
    all_books().await.take(n).collect().await
}
