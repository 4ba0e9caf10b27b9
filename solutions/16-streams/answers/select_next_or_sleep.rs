//! grader: expect pass
//! Another correct answer: `futures::future::select` between the next book and a fresh
//! `sleep(quiet)` for each book; `Either::Right` (the sleep won) ends the reading.
//! grader: replaces items

use futures::future::{self, Either};

/// Reads books until the stream ends or the next book is more than `quiet` away.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    loop {
        let quiet_timer = std::pin::pin!(tokio::time::sleep(quiet));
        match future::select(books.next(), quiet_timer).await {
            Either::Left((Some(book), _)) => read.push(book),
            Either::Left((None, _)) | Either::Right(_) => return read,
        }
    }
}
