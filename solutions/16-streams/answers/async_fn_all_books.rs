//! grader: expect compile-error "impl futures::Future<Output = impl Stream<Item = Book>>: Stream"
//! `all_books` as an `async fn`, the way Python writes an async generator (`async def`
//! with `yield`): calling it gives a future of a stream, not a stream.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book, Cursor};

/// The ticks 1, 2, …, `count`, one every `period`: tick 1 comes `period` after you
/// start reading, tick 2 a `period` later, and the stream ends right after the last
/// tick.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::unfold(1, move |tick| async move {
        if tick > count {
            return None;
        }
        tokio::time::sleep(period).await;
        Some((tick, tick + 1))
    })
}

/// Which page of the catalogue to fetch next.
enum NextPage {
    First,
    At(Cursor),
    NoMore,
}

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

/// Reads books until the stream ends or the next book is more than `quiet` away.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    while let Ok(Some(book)) = tokio::time::timeout(quiet, books.next()).await {
        read.push(book);
    }
    read
}
