//! grader: expect compile-error "the trait `Sync` is not implemented for `RefCell<Tally>`"
//! "One thread, so no lock needed": a `RefCell` borrowed across the payment. The box
//! office can't be shared between tasks (`RefCell` is not `Sync`), so `tokio::spawn`
//! refuses it; and in one task, Ben's `borrow_mut` would panic while Ada's is held.
//! grader: replaces items
//! grader: replaces `Mutex::new(Tally::new())` with `RefCell::new(Tally::new())`
//! grader: replaces `self.tally.lock().await.read("box office")` with `self.tally.borrow().read("box office")`
//! grader: replaces `let mut tally = self.tally.lock().await;` with `let mut tally = self.tally.borrow_mut();`

use std::cell::RefCell;

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    tally: RefCell<Tally>,
}
