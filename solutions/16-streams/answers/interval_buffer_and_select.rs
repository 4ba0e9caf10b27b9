//! grader: expect fail ticker_starts_when_read "a clock started when `ticker()` was called"
//! Not correct, though it once passed: the `tokio::time::interval_at` ticker is made in
//! `ticker()` itself, so its clock starts when the stream is made, not when it is first
//! read (the rest is right: a catalogue stream that keeps a shelf of fetched books
//! (fetching again while the shelf is empty, so empty pages don't end it), a `while` loop
//! that counts before it asks, and a `tokio::select!` between the next book and a fresh
//! `sleep(quiet)`).

use std::collections::VecDeque;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book, Cursor};

/// The ticks 1, 2, …, `count`, one every `period`, the first one `period` from now.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    // An interval's first tick completes at once: start it one period from now.
    let ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    stream::unfold((ticks, 1), move |(mut ticks, tick)| async move {
        if tick > count {
            return None;
        }
        ticks.tick().await;
        Some((tick, (ticks, tick + 1)))
    })
}

/// Every book of the catalogue, in order, page after page, each page fetched when needed.
pub fn all_books() -> impl Stream<Item = Book> {
    // The state: books fetched but not handed out yet, and the cursor of the next page to
    // fetch (`Some(None)` for the first page, `None` once the last page is in).
    let start: (VecDeque<Book>, Option<Option<Cursor>>) = (VecDeque::new(), Some(None));
    stream::unfold(start, |(mut shelf, mut next)| async move {
        loop {
            if let Some(book) = shelf.pop_front() {
                return Some((book, (shelf, next)));
            }
            let page = pager::fetch_page(next?).await;
            shelf.extend(page.books);
            next = page.next.map(Some);
        }
    })
}

/// The first `n` books of the catalogue, fetching no page that holds none of them.
pub async fn first_books(n: usize) -> Vec<Book> {
    let mut books = std::pin::pin!(all_books());
    let mut first = Vec::new();
    while first.len() < n {
        match books.next().await {
            Some(book) => first.push(book),
            None => break,
        }
    }
    first
}

/// Reads books until the stream ends or the next book is more than `quiet` away.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    loop {
        // A new sleep for each book: the limit starts again every time.
        tokio::select! {
            book = books.next() => match book {
                Some(book) => read.push(book),
                None => break,
            },
            () = tokio::time::sleep(quiet) => break,
        }
    }
    read
}
