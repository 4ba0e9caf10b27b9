//! grader: expect pass
//! Another correct answer: a `tokio::sync::Mutex`, but only around taking the seat;
//! the guard's block ends before the payment, so the buyers pay all at once.
//! grader: replaces items

impl BoxOffice {
    /// Takes the seat under the lock, then pays with the lock already let go.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let seat = {
            let mut tally = self.tally.lock().await;
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
