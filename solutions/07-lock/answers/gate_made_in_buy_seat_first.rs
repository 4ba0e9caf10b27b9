//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! grader: expect fail critical_sections_never_interleave "`buy` makes it afresh on every call"
//! A lock "around the sale", made inside `buy` (a new one on every call), and the seat
//! taken with two `lock()` calls: on one thread nothing gets in, on several it would.
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

    /// Takes the seat "under a lock", then pays.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let gate = tokio::sync::Mutex::new(());
        let seat = {
            let _held = gate.lock().await;
            let sold = self.tally.lock().unwrap().read(buyer);
            if sold >= self.capacity {
                return Err(SoldOut { buyer: buyer.to_string() });
            }
            self.tally.lock().unwrap().write(buyer, sold + 1);
            sold + 1
        };
        Ok(tickets::charge(buyer, seat).await)
    }
}
