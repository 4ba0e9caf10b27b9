//! grader: expect fail crunching_yields_after_every_chunk "it did not give it back at the end of every chunk"
//! Gives the thread back only once it has worked for 0.5 s (a time slice the size of the heartbeat's beat): each slice holds the thread for two chunks.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    let mut slice_start = tokio::time::Instant::now();
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        if slice_start.elapsed() >= Duration::from_millis(500) {
            tokio::task::yield_now().await;
            slice_start = tokio::time::Instant::now();
        }
    }
    total
}
