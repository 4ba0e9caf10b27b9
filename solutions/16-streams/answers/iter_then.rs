//! grader: expect pass
//! Another correct answer: the ticker as `stream::iter(1..=count).then(..)`, an async
//! block per tick that sleeps before it gives the tick.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`, the first one `period` from now.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::iter(1..=count).then(move |tick| async move {
        tokio::time::sleep(period).await;
        tick
    })
}
