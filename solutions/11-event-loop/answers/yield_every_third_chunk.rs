//! grader: expect fail crunching_shares_the_thread "but late"
//! grader: expect fail crunching_yields_after_every_chunk "the heartbeat ran late"
//! Yields only after every third chunk: the heartbeat runs, but 0.25 s late.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        if chunk % 3 == 0 {
            tokio::task::yield_now().await;
        }
    }
    total
}
