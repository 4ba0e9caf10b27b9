//! grader: expect pass
//! Another correct answer: an `interval_at` ticker created on the first read (the state
//! holds `Option<Interval>`), and a reader that resets one pinned `sleep` per book.

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use workbook::sim::pager::{self, Book, Cursor};

/// The ticks 1, 2, …, `count`, one every `period`: tick 1 comes `period` after you
/// start reading, tick 2 a `period` later, and the stream ends right after the last
/// tick. Like an async generator that sleeps before each `yield`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::unfold((None, 1), move |(ticks, tick): (Option<tokio::time::Interval>, u32)| async move {
        if tick > count {
            return None;
        }
        // The first read starts the clock: tick 1 one period from now.
        let mut ticks =
            ticks.unwrap_or_else(|| tokio::time::interval_at(tokio::time::Instant::now() + period, period));
        ticks.tick().await;
        Some((tick, (Some(ticks), tick + 1)))
    })
}

/// Which page of the catalogue to fetch next.
enum NextPage {
    First,
    At(Cursor),
    NoMore,
}

/// Every book of the catalogue, in order, page after page. A page is fetched only when
/// the reader asks for a book and the books fetched so far are used up; the stream ends
/// after the last page (the one whose `next` is `None`).
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
    let quiet_timer = tokio::time::sleep(quiet);
    let mut quiet_timer = std::pin::pin!(quiet_timer);
    loop {
        // The limit starts again each time a book is asked for.
        quiet_timer.as_mut().reset(tokio::time::Instant::now() + quiet);
        tokio::select! {
            book = books.next() => match book {
                Some(book) => read.push(book),
                None => break,
            },
            () = quiet_timer.as_mut() => break,
        }
    }
    read
}
