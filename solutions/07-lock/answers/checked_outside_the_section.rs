//! grader: expect fail critical_sections_never_interleave "the sale checks for a free seat before the critical section that takes it"
//! Like Python's `if self.sold >= capacity: raise SoldOut` before `async with lock:`:
//! it checks for a free seat under one short lock, then takes the seat (reads and
//! writes the tally) under a second one without checking again. On one thread nobody
//! gets into the gap; on several, two buyers can both see the last seat free.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// Refuses when full, else takes the next seat under the lock and pays.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        if self.tally.lock().unwrap().read(buyer) >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let seat = {
            let mut tally = self.tally.lock().unwrap();
            let sold = tally.read(buyer);
            tally.write(buyer, sold + 1);
            sold + 1
        };
        Ok(tickets::charge(buyer, seat).await)
    }
}
