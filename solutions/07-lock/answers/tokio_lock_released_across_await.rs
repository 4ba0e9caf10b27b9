//! grader: expect fail every_sale_is_counted "a lost update"
//! grader: expect fail never_sells_more_seats_than_exist "the concert is oversold"
//! grader: expect fail critical_sections_never_interleave "a lost update"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "the sales overlapped"
//! grader: expect fail buyers_served_by_their_own_tasks "a lost update"
//! Switches to `tokio::sync::Mutex` but still locks twice, once to read and once to
//! write: the lock is let go across the payment's `.await`, as in the stub.
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

    /// Two critical sections instead of one.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let sold = self.tally.lock().await.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        self.tally.lock().await.write(buyer, sold + 1);
        Ok(ticket)
    }
}
