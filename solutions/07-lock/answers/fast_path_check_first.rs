//! grader: expect pass
//! Another correct answer, double-checked: a quick look at the count (its own short
//! lock) turns late buyers away early; the sale itself then reads, checks again and
//! writes under one guard, and pays after it, with no lock held.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// Turns the buyer away early when full, else takes a seat under one guard and pays.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        if self.tally.lock().unwrap().read(buyer) >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let seat = {
            let mut tally = self.tally.lock().unwrap();
            let sold = tally.read(buyer);
            if sold >= self.capacity {
                return Err(SoldOut { buyer: buyer.to_string() });
            }
            tally.write(buyer, sold + 1);
            sold + 1
        };
        Ok(tickets::charge(buyer, seat).await)
    }
}
