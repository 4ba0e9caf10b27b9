//! grader: expect fail ticks_come_one_period_apart "Tick 1 came at 0.000s, the moment the reader asked for it"
//! grader: expect fail ticker_follows_its_period "Tick 1 came at 0.000s, the moment the reader asked for it"
//! grader: expect fail ticker_starts_when_read "Tick 1 came at 0.000s after reading started"
//! A ticker written like `for i in range(1, count + 1): yield i; await asyncio.sleep(period)`:
//! it sleeps after each tick instead of before, so every tick is a period early and the
//! end comes a period after the last tick.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::unfold(1, move |tick| async move {
        if tick > 1 {
            // The sleep after the tick before.
            tokio::time::sleep(period).await;
        }
        (tick <= count).then_some((tick, tick + 1))
    })
}
