//! grader: expect pass
//! Another correct answer: a helper `take_seat` that reads and writes the tally under
//! one `std::sync::Mutex` guard and returns the seat; the payment comes after it.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// The next seat, taken under one lock, or `None` when the concert is full.
    fn take_seat(&self, buyer: &str) -> Option<u32> {
        let mut tally = self.tally.lock().unwrap();
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return None;
        }
        tally.write(buyer, sold + 1);
        Some(sold + 1)
    }

    /// Takes a seat, then pays with no lock held.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        match self.take_seat(buyer) {
            Some(seat) => Ok(tickets::charge(buyer, seat).await),
            None => Err(SoldOut { buyer: buyer.to_string() }),
        }
    }
}
