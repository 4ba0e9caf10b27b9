//! grader: expect fail crunching_yields_after_every_chunk "it did not give it back at the end of every chunk"
//! Yields after every second chunk only, to save on switches: on time for a heartbeat whose beats fall on even chunks, late for any other.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        // Yielding costs a little: do it every other chunk.
        if chunk % 2 == 0 {
            tokio::task::yield_now().await;
        }
    }
    total
}
