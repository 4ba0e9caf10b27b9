//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! A `tokio::sync::Mutex`, the seat taken before paying, but the read and the write each
//! lock it again: between the two guards the lock is free.
//! grader: replaces items

impl BoxOffice {
    /// One guard to look, another to write.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let sold = {
            let tally = self.tally.lock().await;
            tally.read(buyer)
        };
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        {
            let mut tally = self.tally.lock().await;
            tally.write(buyer, sold + 1);
        }
        Ok(tickets::charge(buyer, sold + 1).await)
    }
}
