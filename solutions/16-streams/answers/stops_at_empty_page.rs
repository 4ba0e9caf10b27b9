//! grader: expect fail empty_pages_do_not_end_the_catalogue "Page 2 had no books, and your stream ended right after it"
//! A catalogue stream with a shelf of fetched books that fetches once when the shelf is
//! empty, then takes a book: an empty page makes that `None`, which ends the stream.

use std::collections::VecDeque;
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
    let start: (VecDeque<Book>, Option<Option<Cursor>>) = (VecDeque::new(), Some(None));
    stream::unfold(start, |(mut shelf, mut next)| async move {
        if shelf.is_empty() {
            let page = pager::fetch_page(next?).await;
            shelf.extend(page.books);
            next = page.next.map(Some);
        }
        let book = shelf.pop_front()?;
        Some((book, (shelf, next)))
    })
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
