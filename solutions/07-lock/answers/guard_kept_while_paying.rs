//! grader: expect fail sales_take_as_long_as_the_lock_is_held "the lock was still held while each buyer paid"
//! grader: expect fail every_sale_is_counted "the lock was still held while each buyer paid"
//! grader: expect fail buyers_served_by_their_own_tasks "the lock was still held while each buyer paid"
//! Takes the seat first, but the `tokio::sync::Mutex` guard lives to the end of the
//! function: the payments wait for each other though the seat is already written.
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

    /// The guard is still alive during the payment.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let mut tally = self.tally.lock().await;
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        tally.write(buyer, sold + 1);
        Ok(tickets::charge(buyer, sold + 1).await)
    }
}
