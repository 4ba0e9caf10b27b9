//! grader: expect fail ticks_come_one_period_apart "was still going when the check stopped reading"
//! grader: expect fail ticker_follows_its_period "was still going when the check stopped reading"
//! grader: expect fail ticker_starts_when_read "was still going when the check stopped reading"
//! A ticker that ignores `count`: the ticks come on time, but the stream never ends.
//! grader: replaces items

/// The ticks 1, 2, …, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    let _ = count;
    stream::unfold(1, move |tick| async move {
        tokio::time::sleep(period).await;
        Some((tick, tick + 1))
    })
}
