//! grader: expect fail empty_pages_do_not_end_the_catalogue "Page 2 had no books, and your stream ended right after it"
//! A catalogue stream with a shelf of fetched books that fetches once when the shelf is
//! empty, then takes a book: an empty page makes that `None`, which ends the stream.
//! grader: replaces items

use std::collections::VecDeque;

/// Every book of the catalogue, in order, page after page.
pub fn all_books() -> impl Stream<Item = Book> {
    let start: (VecDeque<Book>, Option<Option<Cursor>>) = (VecDeque::new(), Some(None));
    stream::unfold(start, |(mut shelf, mut next)| async move {
        if shelf.is_empty() {
            let page = pager::fetch_page(next?).await;
            shelf.extend(page.books);
            next = page.next.map(Some);
        }
        let book = shelf.pop_front()?;
        Some((book, (shelf, next)))
    })
}
