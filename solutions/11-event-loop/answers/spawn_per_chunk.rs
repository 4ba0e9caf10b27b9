//! grader: expect fail crunching_shares_the_thread "awaiting the JoinHandle of a chunk spawned as a task"
//! grader: expect fail crunching_yields_after_every_chunk "awaiting the JoinHandle of a chunk spawned as a task"
//! Runs each chunk as a task of its own, awaited before the next: the thread goes back to the runtime, but always to a ready chunk, so the heartbeat's timer never fires.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tokio::spawn(async move { tasks::crunch(chunk) }).await.expect("a chunk panicked");
    }
    total
}
