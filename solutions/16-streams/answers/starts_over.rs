//! grader: expect fail all_books_reads_every_page "the stream started over instead of ending"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "the stream started over instead of ending"
//! grader: expect fail first_books_stops_after_n "Some books came twice"
//! A catalogue stream whose state is just `Option<Cursor>`: after the last page, `None`
//! means "the first page" again, and the catalogue starts over, forever.
//! grader: replaces items

/// The books of each page of the catalogue, a page at a time.
fn pages() -> impl Stream<Item = Vec<Book>> {
    stream::unfold(None, |cursor: Option<Cursor>| async move {
        let page = pager::fetch_page(cursor).await;
        Some((page.books, page.next))
    })
}
