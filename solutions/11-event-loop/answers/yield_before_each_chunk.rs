//! grader: expect pass
//! Another correct answer: `crunch_numbers` yields before each chunk instead of after it; after the last chunk the function returns, which gives the thread back all the same.
//! grader: replaces items

/// Crunches chunks 1 to `chunks`, giving the thread back to the event loop before each one.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        tokio::task::yield_now().await;
        total += tasks::crunch(chunk);
    }
    total
}
