//! grader: expect pass
//! Another correct answer: a `with_tally` helper that runs a closure under the tally's
//! lock, like a context manager; one call reads and writes (the seat is taken in one
//! critical section), and the payment comes after it, with no lock held.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// Runs `f` on the tally, under its lock (`with lock:` in Python).
    fn with_tally<R>(&self, f: impl FnOnce(&mut Tally) -> R) -> R {
        f(&mut self.tally.lock().unwrap())
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.with_tally(|tally| tally.read("box office"))
    }

    /// Takes the seat in one critical section, then pays.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let seat = self.with_tally(|tally| {
            let sold = tally.read(buyer);
            if sold >= self.capacity {
                return None;
            }
            tally.write(buyer, sold + 1);
            Some(sold + 1)
        });
        match seat {
            Some(seat) => Ok(tickets::charge(buyer, seat).await),
            None => Err(SoldOut { buyer: buyer.to_string() }),
        }
    }
}
