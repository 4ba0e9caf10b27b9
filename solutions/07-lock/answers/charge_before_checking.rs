//! grader: expect fail never_sells_more_seats_than_exist "paid and were told"
//! grader: expect fail every_sale_is_counted "paid before reading the count"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "paid before reading the count"
//! grader: expect fail buyers_served_by_their_own_tasks "Cleo paid and was told the concert is sold out"
//! Charges first and only then takes a seat under the lock: no seat is sold twice, but
//! the buyers who come too late have paid for nothing.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// Pays for the seat it sees free, then takes a seat under the lock.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let seen = self.tally.lock().unwrap().read(buyer);
        let ticket = tickets::charge(buyer, seen + 1).await;
        let mut tally = self.tally.lock().unwrap();
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        tally.write(buyer, sold + 1);
        Ok(Ticket { seat: sold + 1, ..ticket })
    }
}
