//! grader: expect fail all_books_reads_every_page "or the next page is fetched as soon as the last book of a page is taken out"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "Before handing it out, your stream fetched page 2"
//! grader: expect fail first_books_stops_after_n "So does `all_books().take(3)` on its own"
//! grader: expect fail pages_are_fetched_only_when_needed "Your stream fetched ahead of the reader"
//! A catalogue stream that fetches the next page as soon as it hands out the last book of
//! the page before (so the shelf is never empty when the reader comes back): the last
//! book of each page waits for the next page, and a reader who stops there has a page
//! fetched for nothing.
//! grader: replaces items

use std::collections::VecDeque;

/// Every book of the catalogue, in order, page after page.
pub fn all_books() -> impl Stream<Item = Book> {
    let start: (VecDeque<Book>, Option<Option<Cursor>>) = (VecDeque::new(), Some(None));
    stream::unfold(start, |(mut shelf, mut next)| async move {
        while shelf.is_empty() {
            let page = pager::fetch_page(next?).await;
            shelf.extend(page.books);
            next = page.next.map(Some);
        }
        let book = shelf.pop_front()?;
        // The shelf is empty: restock it now, before the reader comes back.
        while shelf.is_empty() {
            let Some(cursor) = next else { break };
            let page = pager::fetch_page(cursor).await;
            shelf.extend(page.books);
            next = page.next.map(Some);
        }
        Some((book, (shelf, next)))
    })
}
