//! grader: expect pass
//! Another correct answer: a `std::sync::Mutex` held only to read and write the tally
//! (the seat is taken before paying), never across an `.await`; the payments overlap.
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

    /// Takes the next seat under the lock, lets the lock go, then charges: the
    /// critical section is two plain calls, so the buyers pay all at once.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let seat = {
            let mut tally = self.tally.lock().unwrap();
            let sold = tally.read(buyer);
            if sold >= self.capacity {
                return Err(SoldOut { buyer: buyer.to_string() });
            }
            tally.write(buyer, sold + 1);
            sold + 1
        }; // the guard is dropped here, before the `.await`
        Ok(tickets::charge(buyer, seat).await)
    }
}
