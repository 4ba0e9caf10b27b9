//! grader: expect fail crunching_shares_the_thread "A sleep, even a short one"
//! grader: expect fail crunching_yields_after_every_chunk "the heartbeat ran late"
//! Sleeps 1 ms between chunks instead of yielding: the heartbeat runs, but each sleep
//! costs time, 1.506 s in all.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    total
}
