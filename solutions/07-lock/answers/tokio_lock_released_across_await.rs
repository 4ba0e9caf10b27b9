//! grader: expect fail every_sale_is_counted "a lost update"
//! grader: expect fail never_sells_more_seats_than_exist "the concert is oversold"
//! grader: expect fail critical_sections_never_interleave "a lost update"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "the sales overlapped"
//! grader: expect fail buyers_served_by_their_own_tasks "a lost update"
//! Switches to `tokio::sync::Mutex` but still locks twice, once to read and once to
//! write: the lock is let go across the payment's `.await`, as in the stub.
//! grader: based on std_lock_released_across_await
//! grader: replaces `lock().unwrap().read("box office")` with `lock().await.read("box office")`
//! grader: replaces `lock().unwrap().read(buyer)` with `lock().await.read(buyer)`
//! grader: replaces `lock().unwrap().write(` with `lock().await.write(`

use tokio::sync::Mutex;
