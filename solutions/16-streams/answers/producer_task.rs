//! grader: expect fail pages_are_fetched_only_when_needed "nobody read the stream before 1.000s"
//! grader: expect fail all_books_reads_every_page "the stream fetched ahead of its reader"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "the stream fetched ahead of its reader"
//! grader: expect fail first_books_stops_after_n "So does `all_books().take(4)` on its own"
//! A catalogue stream fed by a task, spawned in `all_books()`, that fetches the pages
//! and sends the books into a channel: it starts before anyone reads, and runs ahead.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::sync::mpsc;
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
    let (shelf, books) = mpsc::channel(3);
    tokio::spawn(async move {
        let mut cursor = None;
        loop {
            let page = pager::fetch_page(cursor).await;
            for book in page.books {
                if shelf.send(book).await.is_err() {
                    return;
                }
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => return,
            }
        }
    });
    stream::unfold(books, |mut books| async move { books.recv().await.map(|book| (book, books)) })
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
