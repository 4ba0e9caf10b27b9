//! grader: expect pass
//! Another correct answer: one `tokio::sync::Mutex` guard for the read and the write,
//! let go with `drop` before the payment's `.await`.
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
    /// One guard for the seat, dropped before paying.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let mut tally = self.tally.lock().await;
        let seat = tally.read(buyer) + 1;
        if seat > self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        tally.write(buyer, seat);
        drop(tally);
        Ok(tickets::charge(buyer, seat).await)
    }
}
