//! grader: expect fail every_sale_is_counted "Writing a count read earlier"
//! grader: expect fail critical_sections_never_interleave "Writing a count read earlier"
//! grader: expect fail never_sells_more_seats_than_exist "the concert is oversold"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "Ada paid before reading the count that the sale was based on"
//! grader: expect fail buyers_served_by_their_own_tasks "the concert is oversold"
//! Checks the tally again after the payment, under the lock, but writes the count it
//! read before the payment: the second look changes nothing, the update is still lost.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// Looks twice, but counts from the first look.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let seen = self.tally.lock().unwrap().read(buyer);
        if seen >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, seen + 1).await;
        let mut tally = self.tally.lock().unwrap();
        if tally.read(buyer) >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        tally.write(buyer, seen + 1);
        Ok(ticket)
    }
}
