//! grader: expect fail first_books_stops_after_n "it asked the stream for at least one book more than it needed"
//! `first_books` with `take_while` and a counter (and a guard for n = 0): to stop, it must
//! see book n + 1, so when book n is the last of a page it fetches the next page.
//! grader: replaces items

/// The first `n` books of the catalogue (fewer if it has fewer), fetching no page that
/// holds none of them.
pub async fn first_books(n: usize) -> Vec<Book> {
    if n == 0 {
        return Vec::new();
    }
    let mut seen = 0;
    all_books()
        .take_while(|_| {
            seen += 1;
            futures::future::ready(seen <= n)
        })
        .collect()
        .await
}
