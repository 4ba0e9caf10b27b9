//! grader: expect pass
//! Another correct answer: absolute deadlines (tick n at start + n × period), with the
//! start taken on the first read, inside the stream, so a ticker read late still waits.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`: tick 1 comes `period` after you
/// start reading, tick 2 a `period` later, and the stream ends right after the last
/// tick. Like an async generator that sleeps before each `yield`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    // The state: the next tick, and when reading started (unknown until the first read).
    stream::unfold((1, None), move |(tick, start)| async move {
        if tick > count {
            return None;
        }
        let start = start.unwrap_or_else(tokio::time::Instant::now);
        tokio::time::sleep_until(start + period * tick).await;
        Some((tick, (tick + 1, Some(start))))
    })
}
