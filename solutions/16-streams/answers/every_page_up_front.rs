//! grader: expect fail all_books_reads_every_page "it read ahead, maybe the whole catalogue"
//! grader: expect fail pages_are_fetched_only_when_needed "Your stream fetched ahead of the reader"
//! grader: expect fail first_books_stops_after_n "page 3 was fetched too"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "it read ahead, maybe the whole catalogue"
//! A catalogue stream that fetches every page into a Vec at the first poll, then hands
//! out the books: all there, but late, and pages nobody needs are fetched.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book};

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

/// Every book of the catalogue, in order.
pub fn all_books() -> impl Stream<Item = Book> {
    let every_book = async {
        let mut books = Vec::new();
        let mut cursor = None;
        loop {
            let page = pager::fetch_page(cursor).await;
            books.extend(page.books);
            match page.next {
                Some(next) => cursor = Some(next),
                None => return books,
            }
        }
    };
    stream::once(every_book).flat_map(stream::iter)
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
