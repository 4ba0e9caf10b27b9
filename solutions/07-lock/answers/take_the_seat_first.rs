//! grader: expect pass
//! Another correct answer: a `std::sync::Mutex` held only to read and write the tally
//! (the seat is taken before paying), never across an `.await`; the payments overlap.
//! grader: based on tokio_mutex_seat_first
//! grader: replaces `self.tally.lock().await.read("box office")` with `self.tally.lock().unwrap().read("box office")`
//! grader: replaces `let mut tally = self.tally.lock().await;` with `let mut tally = self.tally.lock().unwrap();`

use std::sync::Mutex;
