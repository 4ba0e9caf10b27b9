//! grader: expect fail first_books_stops_after_n "the list is built in full before it is sliced"
//! `first_books` reads the whole catalogue into a Vec, then keeps the first `n` books,
//! like `[book async for book in all_books()][:n]`.

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

/// Every book of the catalogue, in order, page after page, each page fetched when needed.
pub fn all_books() -> impl Stream<Item = Book> {
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
    let mut every_book: Vec<Book> = all_books().collect().await;
    every_book.truncate(n);
    every_book
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
