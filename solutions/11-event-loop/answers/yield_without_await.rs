//! grader: expect compile-error "futures do nothing unless you `.await` or poll them"
//! Calls `tokio::task::yield_now()` without `.await`: the future is made and dropped,
//! and the workbook's crates deny unused futures.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        tokio::task::yield_now();
    }
    total
}
