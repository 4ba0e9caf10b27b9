//! grader: expect fail ticks_come_one_period_apart "The runtime was blocked"
//! grader: expect fail ticker_follows_its_period "The runtime was blocked"
//! grader: expect fail ticker_starts_when_read "The runtime was blocked"
//! A ticker that waits with `std::thread::sleep`: right ticks, but the runtime's only
//! thread is blocked while it waits.
//! grader: replaces items

/// The ticks 1, 2, …, `count`, one every `period`.
pub fn ticker(period: Duration, count: u32) -> impl Stream<Item = u32> {
    stream::unfold(1, move |tick| async move {
        if tick > count {
            return None;
        }
        std::thread::sleep(period);
        Some((tick, tick + 1))
    })
}
