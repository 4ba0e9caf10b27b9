//! grader: expect fail crunching_shares_the_thread "crunch_numbers kept the thread"
//! grader: expect fail crunching_yields_after_every_chunk "the heartbeat ran late"
//! Awaits `tokio::task::consume_budget()` between chunks: it gives the thread back only
//! once the task has used up its budget (128 operations), never in six chunks.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        tokio::task::consume_budget().await;
    }
    total
}
