//! grader: expect fail ticker_starts_when_read "a clock started when `ticker()` was called"
//! Not correct, though it once passed: a ticker written by hand as a struct that
//! implements `Stream::poll_next`, whose `sleep(period)` is made in `ticker()`, so its
//! clock starts when the stream is made, not when it is first read (the rest is right: a
//! catalogue unfolded over `Option<Option<Cursor>>` and `flatten`ed, `for_each` to read,
//! and a `match` on each `timeout`).

use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures::future;
use futures::stream::{self, Stream, StreamExt};
use tokio::time::Sleep;
use workbook::sim::pager::{self, Book, Cursor};

/// A stream written by hand: `poll_next` says whether the next tick is ready yet.
#[derive(Debug)]
pub struct Ticker {
    period: Duration,
    next: u32,
    count: u32,
    sleep: Pin<Box<Sleep>>,
}

impl Stream for Ticker {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.next > self.count {
            return Poll::Ready(None);
        }
        // Not due yet: the sleep has registered `cx`'s waker, and will wake the reader.
        ready!(self.sleep.as_mut().poll(cx));
        let tick = self.next;
        self.next += 1;
        let due = self.sleep.deadline() + self.period;
        self.sleep.as_mut().reset(due);
        Poll::Ready(Some(tick))
    }
}

/// The ticks 1, 2, …, `count`, one every `period`, the first one `period` from now.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    Ticker { period, next: 1, count, sleep: Box::pin(tokio::time::sleep(period)) }
}

/// Every book of the catalogue, in order, page after page, each page fetched when needed.
pub fn all_books() -> impl Stream<Item = Book> {
    // The state is the cursor to fetch with (`Some(None)`: the first page), or `None`
    // once the last page has been read; `?` ends the stream then.
    stream::unfold(Some(None), |cursor: Option<Option<Cursor>>| async move {
        let page = pager::fetch_page(cursor?).await;
        Some((stream::iter(page.books), page.next.map(Some)))
    })
    .flatten()
}

/// The first `n` books of the catalogue, fetching no page that holds none of them.
pub async fn first_books(n: usize) -> Vec<Book> {
    let mut first = Vec::new();
    all_books()
        .take(n)
        .for_each(|book| {
            first.push(book);
            future::ready(())
        })
        .await;
    first
}

/// Reads books until the stream ends or the next book is more than `quiet` away.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    loop {
        match tokio::time::timeout(quiet, books.next()).await {
            Ok(Some(book)) => read.push(book),
            // The stream ended.
            Ok(None) => break,
            // No book within `quiet`.
            Err(_elapsed) => break,
        }
    }
    read
}
