//! grader: expect fail all_books_reads_every_page "the stream started over instead of ending"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "the stream started over instead of ending"
//! grader: expect fail first_books_stops_after_n "Some books came twice"
//! A catalogue stream whose state is just `Option<Cursor>`: after the last page, `None`
//! means "the first page" again, and the catalogue starts over, forever.

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

/// Every book of the catalogue, in order, page after page.
pub fn all_books() -> impl Stream<Item = Book> {
    stream::unfold(None, |cursor: Option<Cursor>| async move {
        let page = pager::fetch_page(cursor).await;
        Some((page.books, page.next))
    })
    .flat_map(stream::iter)
}

/// The first `n` books of the catalogue, fetching no page that holds none of them.
pub async fn first_books(n: usize) -> Vec<Book> {
    all_books().take(n).collect().await
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
