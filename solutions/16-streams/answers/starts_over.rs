//! grader: expect fail all_books_reads_every_page "the stream started over instead of ending"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "the stream started over instead of ending"
//! grader: expect fail first_books_stops_after_n "Some books came twice"
//! A catalogue stream whose state is just `Option<Cursor>`: after the last page, `None`
//! means "the first page" again, and the catalogue starts over, forever.
//! grader: replaces items

/// Every book of the catalogue, in order, page after page.
pub fn all_books() -> impl Stream<Item = Book> {
    stream::unfold(None, |cursor: Option<Cursor>| async move {
        let page = pager::fetch_page(cursor).await;
        Some((page.books, page.next))
    })
    .flat_map(stream::iter)
}
