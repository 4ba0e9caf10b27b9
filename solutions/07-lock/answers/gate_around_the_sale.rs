//! grader: expect pass
//! Another correct answer, the way Python writes it: a lock of its own next to the data
//! (`self.lock = asyncio.Lock()`), held for the whole sale, while the tally sits in a
//! `std::sync::Mutex` that is only ever locked for one call at a time.
//! grader: based on std_lock_released_across_await
//! grader: replaces `BoxOffice { capacity, tally: Mutex::new(Tally::new()) }` with `BoxOffice { capacity, sale: tokio::sync::Mutex::new(()), tally: Mutex::new(Tally::new()) }`
//! grader: replaces `let sold = self.tally.lock().unwrap().read(buyer);` with `let _one_at_a_time = self.sale.lock().await; let sold = self.tally.lock().unwrap().read(buyer);`

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    /// One sale at a time, like `async with self.lock:`.
    sale: tokio::sync::Mutex<()>,
    tally: Mutex<Tally>,
}
