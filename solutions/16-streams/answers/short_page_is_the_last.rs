//! grader: expect fail all_books_reads_every_page "ended after page 3, but that page said `next: page 4`"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "ended after page 2, but that page said `next: page 3`"
//! A catalogue stream that takes a page with fewer books than the first one for the last
//! page (as with a fixed page size), instead of following `next` until it is `None`.

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

/// Which page of the catalogue to fetch next.
enum NextPage {
    First,
    At(Cursor, usize),
    NoMore,
}

/// Every book of the catalogue, in order, page after page. A page is fetched only when
/// the reader asks for a book and the books fetched so far are used up; the stream ends
/// after the last page (the one whose `next` is `None`).
pub fn all_books() -> impl Stream<Item = Book> {
    stream::unfold(NextPage::First, |next| async move {
        let (cursor, page_size) = match next {
            NextPage::First => (None, None),
            NextPage::At(cursor, size) => (Some(cursor), Some(size)),
            NextPage::NoMore => return None,
        };
        let page = pager::fetch_page(cursor).await;
        // The first page tells the page size; a shorter page is the last one.
        let size = page_size.unwrap_or(page.books.len());
        let after = match page.next {
            Some(cursor) if page.books.len() >= size => NextPage::At(cursor, size),
            _ => NextPage::NoMore,
        };
        Some((page.books, after))
    })
    // A stream of pages, each a Vec of books: flatten it into a stream of books.
    .flat_map(stream::iter)
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
