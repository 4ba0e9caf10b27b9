//! grader: expect fail ticker_starts_when_read "a clock started when `ticker()` was called"
//! A ticker that keeps to a schedule with absolute deadlines (no drift), but takes its
//! start, `Instant::now()`, when `ticker()` is called rather than when it is first read.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`: tick 1 comes `period` after you
/// start reading, tick 2 a `period` later, and the stream ends right after the last
/// tick. Like an async generator that sleeps before each `yield`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    // Absolute deadlines: tick n is due at start + n × period, so the ticks never drift.
    let start = tokio::time::Instant::now();
    stream::unfold(1, move |tick| async move {
        if tick > count {
            return None;
        }
        tokio::time::sleep_until(start + period * tick).await;
        Some((tick, tick + 1))
    })
}
