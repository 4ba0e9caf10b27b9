//! grader: expect pass
//! Another correct answer: `tokio::time::sleep(Duration::ZERO).await` between chunks,
//! the literal translation of Python's `await asyncio.sleep(0)`.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        tokio::time::sleep(Duration::ZERO).await;
    }
    total
}
