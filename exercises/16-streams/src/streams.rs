//! # 16 · streams: async generators and `async for`
//!
//! A Python async generator (`async def` with `yield`) hands out values one at a time,
//! awaiting in between, and `async for` reads them. Rust's counterpart is a `Stream`
//! (`futures::stream::Stream`), read with `while let Some(item) = stream.next().await`
//! or with the adapters of `futures::StreamExt`. The chapter shows how to write one,
//! and `grader hint 16` names the tools when you are stuck.
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
use workbook::sim::pager::{self, Book};

/// The ticks 1, 2, …, `count`, one every `period`: tick 1 comes `period` after you
/// start reading, tick 2 a `period` later, and the stream ends right after the last
/// tick. Like an async generator that sleeps before each `yield`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    // TODO: every tick comes at once, the moment the reader asks. Each tick must come
    //       `period` after the reader asks for it, as `await asyncio.sleep(period)`
    //       before a `yield` would, and nothing may happen before the reader asks.
    let _ = period;
    stream::iter(1..=count)
}

/// Every book of the catalogue, in order, page after page. A page is fetched only when
/// the reader asks for a book and the books fetched so far are used up; the stream ends
/// after the last page (the one whose `next` is `None`).
pub fn all_books() -> impl Stream<Item = Book> {
    // TODO: this reads the first page only. The stream must go on from page to page,
    //       each fetched with the cursor the page before it gave, until a page has no
    //       next one; and it must fetch a page only when the reader asks for a book that
    //       isn't fetched yet, never ahead of time.
    stream::once(pager::fetch_page(None)).flat_map(|page| stream::iter(page.books))
}

/// The first `n` books of the catalogue (fewer if it has fewer), fetching no page that
/// holds none of them.
pub async fn first_books(n: usize) -> Vec<Book> {
    // TODO: this reads the whole catalogue, then keeps `n` books, like
    //       `[book async for book in all_books()][:n]`: every page is fetched, needed or
    //       not. Fetch only the pages that hold the first `n` books.
    let every_book: Vec<Book> = all_books().collect().await;
    every_book.into_iter().take(n).collect()
}

/// Reads books from `books` until the stream ends, or until the next book takes longer
/// than `quiet` to come (counted from when you ask for it). Returns the books read, and
/// drops the stream, which cancels the wait for the book that didn't come.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    // `next()` needs a stream that can't move in memory: `pin!` pins it here, on the stack.
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    // TODO: when no book comes, this waits as long as it takes. Give up the moment the
    //       book you asked for has kept you waiting `quiet` (the limit starts again with
    //       each book), and return what you have read so far.
    let _ = quiet;
    while let Some(book) = books.next().await {
        read.push(book);
    }
    read
}
