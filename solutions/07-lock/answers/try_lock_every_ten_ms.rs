//! grader: expect fail every_sale_is_counted "waiting by polling"
//! grader: expect fail never_sells_more_seats_than_exist "waiting by polling"
//! grader: expect fail critical_sections_never_interleave "waiting by polling"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "waiting by polling"
//! grader: expect fail buyers_served_by_their_own_tasks "waiting by polling"
//! Holds the lock across the sale, but waits for it by trying `try_lock` every 10 ms
//! instead of awaiting `lock()`: right counts, on time, by polling.
//! grader: replaces items

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, tally: Mutex::new(Tally::new()) }
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().await.read("box office")
    }

    /// Sells `buyer` the next seat: charges their card and returns the ticket, or
    /// `SoldOut` (without charging anyone) when every seat is taken.
    ///
    /// Like `async with lock:` around the whole sale: the guard is held from the read,
    /// across the payment, to the write, so the next buyer reads the count only once
    /// this sale is written. One sale at a time: N sales take N × 1 s.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        // Try the lock; if another sale holds it, look again in a moment.
        let mut tally = loop {
            if let Ok(tally) = self.tally.try_lock() {
                break tally;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        };
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        tally.write(buyer, sold + 1);
        Ok(ticket)
    }
}
