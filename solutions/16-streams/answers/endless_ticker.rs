//! grader: expect fail ticks_come_one_period_apart "was still going when the check stopped reading"
//! grader: expect fail ticker_follows_its_period "was still going when the check stopped reading"
//! grader: expect fail ticker_starts_when_read "was still going when the check stopped reading"
//! A ticker that ignores `count`: the ticks come on time, but the stream never ends.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book, Cursor};

/// The ticks 1, 2, …, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    let _ = count;
    stream::unfold(1, move |tick| async move {
        tokio::time::sleep(period).await;
        Some((tick, tick + 1))
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
