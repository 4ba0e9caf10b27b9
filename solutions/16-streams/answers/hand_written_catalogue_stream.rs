//! grader: expect pass
//! Another correct answer: the catalogue as a struct that implements `Stream::poll_next`
//! by hand, holding a shelf of books and the fetch in progress. The first fetch's future
//! is made in `all_books()` itself: a future does nothing until it is polled, so no page
//! is requested before the reader asks.
//! grader: replaces items

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The books of the catalogue, fetched a page at a time when the shelf is empty.
pub struct Catalogue {
    shelf: VecDeque<Book>,
    /// The page being fetched, if any; `None` with an empty shelf means the end.
    fetching: Option<Pin<Box<dyn Future<Output = pager::Page>>>>,
}

impl Stream for Catalogue {
    type Item = Book;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Book>> {
        loop {
            if let Some(book) = self.shelf.pop_front() {
                return Poll::Ready(Some(book));
            }
            let Some(fetch) = self.fetching.as_mut() else { return Poll::Ready(None) };
            let page = std::task::ready!(fetch.as_mut().poll(cx));
            self.shelf.extend(page.books);
            self.fetching = match page.next {
                Some(cursor) => Some(Box::pin(pager::fetch_page(Some(cursor)))),
                None => None,
            };
        }
    }
}

/// Every book of the catalogue, in order, page after page.
pub fn all_books() -> impl Stream<Item = Book> {
    Catalogue { shelf: VecDeque::new(), fetching: Some(Box::pin(pager::fetch_page(None))) }
}
