//! grader: expect fail every_sale_is_counted "a lock that is never released"
//! grader: expect fail never_sells_more_seats_than_exist "a lock that is never released"
//! grader: expect fail critical_sections_never_interleave "a lock that is never released"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "a lock that is never released"
//! grader: expect fail buyers_served_by_their_own_tasks "a lock that is never released"
//! Reads the count in a `match` on `self.tally.lock().await.read(buyer)`: the guard is a
//! temporary of the scrutinee, so it lives to the end of the `match`, and the write's
//! second `lock().await` inside it waits for a guard its own sale still holds.
//! grader: replaces items

impl BoxOffice {
    /// Sells `buyer` the next seat.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        match self.tally.lock().await.read(buyer) {
            sold if sold >= self.capacity => Err(SoldOut { buyer: buyer.to_string() }),
            sold => {
                let ticket = tickets::charge(buyer, sold + 1).await;
                self.tally.lock().await.write(buyer, sold + 1);
                Ok(ticket)
            }
        }
    }
}
