//! grader: expect fail every_sale_is_counted "a lost update"
//! grader: expect fail never_sells_more_seats_than_exist "the concert is oversold"
//! grader: expect fail critical_sections_never_interleave "Here the lock was let go while Ada waited for the payment"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "the sales overlapped"
//! grader: expect fail buyers_served_by_their_own_tasks "the concert is oversold"
//! The stub as shipped: a `std::sync::Mutex` locked once to read and once to write,
//! so the lock is let go across the payment's `.await`.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// Sells `buyer` the next seat: charges their card and returns the ticket, or
    /// `SoldOut` (without charging anyone) when every seat is taken.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        // TODO: the lock is taken twice, and let go in between: while this buyer waits
        //       for the payment, every other buyer reads the same count. Keep one lock
        //       from the read to the write (a `tokio::sync::Mutex` can be held across
        //       an `.await`), or take the seat *before* the payment and never hold a
        //       `std::sync::Mutex` across an `.await`.
        let sold = self.tally.lock().unwrap().read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        self.tally.lock().unwrap().write(buyer, sold + 1);
        Ok(ticket)
    }
}
