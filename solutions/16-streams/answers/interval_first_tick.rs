//! grader: expect fail ticks_come_one_period_apart "its first `tick()` completes at once"
//! grader: expect fail ticker_follows_its_period "its first `tick()` completes at once"
//! grader: expect fail ticker_starts_when_read "Tick 1 came at 0.000s after reading started, before it was due at 0.350s"
//! A ticker on `tokio::time::interval(period)`: its first tick is immediate, so every
//! tick comes one period early.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book, Cursor};

/// The ticks 1, 2, …, `count`, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    let ticks = tokio::time::interval(period);
    stream::unfold((ticks, 1), move |(mut ticks, tick)| async move {
        if tick > count {
            return None;
        }
        ticks.tick().await;
        Some((tick, (ticks, tick + 1)))
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
