//! grader: expect fail every_sale_is_counted "waiting by polling"
//! grader: expect fail never_sells_more_seats_than_exist "waiting by polling"
//! grader: expect fail critical_sections_never_interleave "waiting by polling"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "waiting by polling"
//! grader: expect fail buyers_served_by_their_own_tasks "waiting by polling"
//! Holds the lock across the sale, but waits for it by trying `try_lock` every 10 ms
//! instead of awaiting `lock()`: right counts, on time, by polling.
//! grader: replaces `let mut tally = self.tally.lock().await;` with `let mut tally = loop { if let Ok(tally) = self.tally.try_lock() { break tally; } tokio::time::sleep(std::time::Duration::from_millis(10)).await; };`
