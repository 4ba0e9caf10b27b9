//! grader: expect fail first_books_stops_after_n "the list is built in full before it is sliced"
//! `first_books` reads the whole catalogue into a Vec, then keeps the first `n` books,
//! like `[book async for book in all_books()][:n]`.
//! grader: replaces items

/// The first `n` books of the catalogue.
pub async fn first_books(n: usize) -> Vec<Book> {
    let mut every_book: Vec<Book> = all_books().collect().await;
    every_book.truncate(n);
    every_book
}
