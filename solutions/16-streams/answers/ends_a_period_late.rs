//! grader: expect fail ticks_come_one_period_apart "slept once more before it found out it was done"
//! grader: expect fail ticker_follows_its_period "slept once more before it found out it was done"
//! grader: expect fail ticker_starts_when_read "slept once more before it found out it was done"
//! A ticker that sleeps before it checks the count: the ticks are on time, but the end
//! comes one period after the last tick.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::unfold(1, move |tick| async move {
        tokio::time::sleep(period).await;
        (tick <= count).then_some((tick, tick + 1))
    })
}
