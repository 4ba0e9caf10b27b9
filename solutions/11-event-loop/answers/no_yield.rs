//! grader: expect fail crunching_shares_the_thread "crunch_numbers kept the thread"
//! grader: expect fail crunching_yields_after_every_chunk "the heartbeat ran late"
//! A CPU loop with no `.await`: it keeps the thread for all six chunks, and the
//! heartbeat's beats due at 0.5 s and 1.0 s come only at 1.5 s.
//! grader: replaces items

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
    }
    total
}
