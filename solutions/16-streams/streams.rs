//! # 16 · streams: async generators and `async for`
//!
//! A Python async generator (`async def` with `yield`) hands out values one at a time,
//! awaiting in between, and `async for` reads them. Rust's counterpart is a `Stream`
//! (`futures::stream::Stream`). You make one with `futures::stream::unfold`, or
//! `stream::iter(..).then(..)`, or by implementing `poll_next` yourself; you read one
//! with `while let Some(item) = stream.next().await`, or with the adapters of
//! `futures::StreamExt` (`take`, `collect`, `for_each`…).
//!
//! Like a generator, a stream does nothing until it is read: each item is made when
//! the reader asks for it. Here you write a ticker, a stream of every book in a
//! catalogue served page by page (fetching a page only when its books are needed), and
//! two readers.
//!
//! Run `grader check 16` to see how your code ran. The chapter is
//! `docs/src/16-streams.md`.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book, Cursor};

/// The ticks 1, 2, …, `count`, one every `period`: tick 1 comes `period` after you
/// start reading, tick 2 a `period` later, and the stream ends right after the last
/// tick. Like an async generator that sleeps before each `yield`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::unfold(1, move |tick| async move {
        if tick > count {
            return None;
        }
        tokio::time::sleep(period).await;
        Some((tick, tick + 1))
    })
}

/// Every book of the catalogue, in order, page after page. A page is fetched only when
/// the reader asks for a book and the books fetched so far are used up; the stream ends
/// after the last page (the one whose `next` is `None`).
pub fn all_books() -> impl Stream<Item = Book> {
    // A stream of pages, each a Vec of books: flatten it into a stream of books.
    pages().flat_map(stream::iter)
}

/// Which page of the catalogue to fetch next.
enum NextPage {
    First,
    At(Cursor),
    NoMore,
}

/// The books of each page of the catalogue, a page at a time: the next page is fetched
/// when the reader asks for it, by the cursor the page before it gave.
fn pages() -> impl Stream<Item = Vec<Book>> {
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
}

/// The first `n` books of the catalogue (fewer if it has fewer), fetching no page that
/// holds none of them.
pub async fn first_books(n: usize) -> Vec<Book> {
    all_books().take(n).collect().await
}

/// Reads books from `books` until the stream ends, or until the next book takes longer
/// than `quiet` to come (counted from when you ask for it). Returns the books read, and
/// drops the stream, which cancels the wait for the book that didn't come.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    // `next()` needs a stream that can't move in memory: `pin!` pins it here, on the stack.
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    while let Ok(Some(book)) = tokio::time::timeout(quiet, books.next()).await {
        read.push(book);
    }
    read
}
