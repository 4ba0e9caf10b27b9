//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! Tidy helpers, one per step: `seats_sold` and `record_sale` each take the lock for
//! themselves, so a sale's read and write are two critical sections, not one.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    fn seats_sold(&self, buyer: &str) -> u32 {
        self.tally.lock().unwrap().read(buyer)
    }

    fn record_sale(&self, buyer: &str, sold: u32) {
        let mut tally = self.tally.lock().unwrap();
        tally.write(buyer, sold);
    }

    /// Looks, records, then pays.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let sold = self.seats_sold(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        self.record_sale(buyer, sold + 1);
        Ok(tickets::charge(buyer, sold + 1).await)
    }
}
