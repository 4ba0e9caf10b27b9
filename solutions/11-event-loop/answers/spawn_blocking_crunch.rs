//! grader: expect fail crunching_shares_the_thread "spawn_blocking"
//! grader: expect fail crunching_yields_after_every_chunk "Expected this to take exactly 1.500s of virtual time; it took 0.000s"
//! Sends the whole loop to the blocking pool: right in a real program, but this
//! exercise is about sharing the runtime's thread, and the paused clock can't time it.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    tokio::task::spawn_blocking(move || (1..=chunks).map(tasks::crunch).sum()).await.unwrap()
}
