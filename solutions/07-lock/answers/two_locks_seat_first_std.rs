//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! Takes the seat before paying, but reads the count under one `lock()` and writes it
//! under a second one: no `.await` in between, so one thread loses nothing, but on a
//! multi-thread runtime another buyer can take the lock in the gap.
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

    /// Reads the count, then writes it, each under a short lock of its own.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let sold = self.tally.lock().unwrap().read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        self.tally.lock().unwrap().write(buyer, sold + 1);
        Ok(tickets::charge(buyer, sold + 1).await)
    }
}
