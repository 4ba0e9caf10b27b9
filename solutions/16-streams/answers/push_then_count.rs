//! grader: expect fail first_books_stops_after_n "first_books(0) returned [1, 2, 3, 4, 5, 6, 7]"
//! `first_books` in a loop that pushes a book, then compares the count: right for
//! n ≥ 1, but asked for no books it never sees a count of 0, and reads everything.
//! grader: replaces items

/// The first `n` books of the catalogue.
pub async fn first_books(n: usize) -> Vec<Book> {
    let mut books = std::pin::pin!(all_books());
    let mut first = Vec::new();
    while let Some(book) = books.next().await {
        first.push(book);
        if first.len() == n {
            break;
        }
    }
    first
}
