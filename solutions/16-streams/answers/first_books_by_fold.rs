//! grader: expect pass
//! Another correct answer: a ticker from `stream::repeat(())` that sleeps in `then`,
//! numbered with `enumerate`, and `first_books` that folds `take(n)` into a Vec.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::repeat(())
        .take(count as usize)
        .then(move |()| tokio::time::sleep(period))
        .enumerate()
        .map(|(i, ())| i as u32 + 1)
}

/// The first `n` books of the catalogue.
pub async fn first_books(n: usize) -> Vec<Book> {
    all_books()
        .take(n)
        .fold(Vec::with_capacity(n), |mut first, book| async move {
            first.push(book);
            first
        })
        .await
}
