//! grader: expect pass
//! Another correct answer: an `interval_at` ticker created on the first read (the state
//! holds `Option<Interval>`), and a reader that resets one pinned `sleep` per book.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`: tick 1 comes `period` after you
/// start reading, tick 2 a `period` later, and the stream ends right after the last
/// tick. Like an async generator that sleeps before each `yield`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::unfold((None, 1), move |(ticks, tick): (Option<tokio::time::Interval>, u32)| async move {
        if tick > count {
            return None;
        }
        // The first read starts the clock: tick 1 one period from now.
        let mut ticks =
            ticks.unwrap_or_else(|| tokio::time::interval_at(tokio::time::Instant::now() + period, period));
        ticks.tick().await;
        Some((tick, (Some(ticks), tick + 1)))
    })
}

/// Reads books from `books` until the stream ends, or until the next book takes longer
/// than `quiet` to come (counted from when you ask for it). Returns the books read, and
/// drops the stream, which cancels the wait for the book that didn't come.
pub async fn read_until_quiet(books: impl Stream<Item = Book>, quiet: Duration) -> Vec<Book> {
    // `next()` needs a stream that can't move in memory: `pin!` pins it here, on the stack.
    let mut books = std::pin::pin!(books);
    let mut read = Vec::new();
    let quiet_timer = tokio::time::sleep(quiet);
    let mut quiet_timer = std::pin::pin!(quiet_timer);
    loop {
        // The limit starts again each time a book is asked for.
        quiet_timer.as_mut().reset(tokio::time::Instant::now() + quiet);
        tokio::select! {
            book = books.next() => match book {
                Some(book) => read.push(book),
                None => break,
            },
            () = quiet_timer.as_mut() => break,
        }
    }
    read
}
