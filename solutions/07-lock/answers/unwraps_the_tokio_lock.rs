//! grader: expect compile-error "`….lock().await` is the guard"
//! Locks tokio's mutex with `lock().unwrap()`, as if it were `std::sync::Mutex`: its
//! `lock()` is async (the solution's `self.tally.lock().await` is the fix).
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

    /// Sells `buyer` the next seat: charges their card and returns the ticket, or
    /// `SoldOut` (without charging anyone) when every seat is taken.
    ///
    /// Like `async with lock:` around the whole sale: the guard is held from the read,
    /// across the payment, to the write, so the next buyer reads the count only once
    /// this sale is written. One sale at a time: N sales take N × 1 s.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let mut tally = self.tally.lock().unwrap();
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        tally.write(buyer, sold + 1);
        Ok(ticket)
    }
}
