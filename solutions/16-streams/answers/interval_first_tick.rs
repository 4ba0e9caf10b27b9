//! grader: expect fail ticks_come_one_period_apart "its first `tick()` completes at once"
//! grader: expect fail ticker_follows_its_period "its first `tick()` completes at once"
//! grader: expect fail ticker_starts_when_read "Tick 1 came at 0.000s after reading started, before it was due at 0.350s"
//! A ticker on `tokio::time::interval(period)`: its first tick is immediate, so every
//! tick comes one period early.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    let ticks = tokio::time::interval(period);
    stream::unfold((ticks, 1), move |(mut ticks, tick)| async move {
        if tick > count {
            return None;
        }
        ticks.tick().await;
        Some((tick, (ticks, tick + 1)))
    })
}
