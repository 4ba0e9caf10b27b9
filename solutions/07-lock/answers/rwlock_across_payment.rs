//! grader: expect pass
//! Another correct answer: a `tokio::sync::RwLock` whose write guard is held across the
//! payment; every sale needs to write, so it works like the Mutex, one sale at a time.
//! grader: replaces items
//! grader: replaces `Mutex::new(Tally::new())` with `RwLock::new(Tally::new())`
//! grader: replaces `self.tally.lock().await.read("box office")` with `self.tally.read().await.read("box office")`
//! grader: replaces `let mut tally = self.tally.lock().await;` with `let mut tally = self.tally.write().await;`

use tokio::sync::RwLock;

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    tally: RwLock<Tally>,
}
