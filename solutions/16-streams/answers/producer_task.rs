//! grader: expect fail pages_are_fetched_only_when_needed "nobody read the stream before 1.000s"
//! grader: expect fail all_books_reads_every_page "the stream fetched ahead of its reader"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "the stream fetched ahead of its reader"
//! grader: expect fail first_books_stops_after_n "So does `all_books().take(4)` on its own"
//! A catalogue stream fed by a task, spawned in `all_books()`, that fetches the pages
//! and sends the books into a channel: it starts before anyone reads, and runs ahead.
//! grader: replaces items

use tokio::sync::mpsc;

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
