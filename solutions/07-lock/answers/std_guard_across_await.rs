//! grader: expect compile-error "future cannot be sent between threads safely"
//! Holds a `std::sync::MutexGuard` across the payment's `.await`: the future is not
//! `Send`, so `tokio::spawn` refuses it (and on one thread the second buyer's
//! `lock()` would block the runtime forever).
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, tally: Mutex::new(Tally::new()) }
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// `async with lock:` translated word for word, with the wrong Mutex.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let mut tally = self.tally.lock().unwrap();
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        tally.write(buyer, sold + 1);
        Ok(ticket)
    }
}
