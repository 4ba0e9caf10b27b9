//! grader: expect fail all_books_reads_every_page "ended after page 3, but that page said `next: page 4`"
//! grader: expect fail empty_pages_do_not_end_the_catalogue "ended after page 2, but that page said `next: page 3`"
//! A catalogue stream that takes a page with fewer books than the first one for the last
//! page (as with a fixed page size), instead of following `next` until it is `None`.
//! grader: replaces items

/// Which page of the catalogue to fetch next, and the page size the first page gave.
enum NextPage {
    First,
    At(Cursor, usize),
    NoMore,
}

/// The books of each page of the catalogue, a page at a time, until a page is shorter
/// than the first.
fn pages() -> impl Stream<Item = Vec<Book>> {
    stream::unfold(NextPage::First, |next| async move {
        let (cursor, page_size) = match next {
            NextPage::First => (None, None),
            NextPage::At(cursor, size) => (Some(cursor), Some(size)),
            NextPage::NoMore => return None,
        };
        let page = pager::fetch_page(cursor).await;
        // The first page tells the page size; a shorter page is the last one.
        let size = page_size.unwrap_or(page.books.len());
        let after = match page.next {
            Some(cursor) if page.books.len() >= size => NextPage::At(cursor, size),
            _ => NextPage::NoMore,
        };
        Some((page.books, after))
    })
}
