//! grader: expect fail all_books_reads_every_page "it read the whole catalogue before handing out this book"
//! grader: expect fail pages_are_fetched_only_when_needed "Your stream fetched ahead of the reader"
//! grader: expect fail first_books_stops_after_n "page 3 was fetched too"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "it read the whole catalogue before handing out this book"
//! A catalogue stream that fetches every page into a Vec at the first poll, then hands
//! out the books: all there, but late, and pages nobody needs are fetched.
//! grader: replaces items

/// Every book of the catalogue, in order.
pub fn all_books() -> impl Stream<Item = Book> {
    let every_book = async {
        let mut books = Vec::new();
        let mut cursor = None;
        loop {
            let page = pager::fetch_page(cursor).await;
            books.extend(page.books);
            match page.next {
                Some(next) => cursor = Some(next),
                None => return books,
            }
        }
    };
    stream::once(every_book).flat_map(stream::iter)
}
