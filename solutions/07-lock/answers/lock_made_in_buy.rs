//! grader: expect fail every_sale_is_counted "makes a lock of its own on every call"
//! grader: expect fail critical_sections_never_interleave "makes a lock of its own on every call"
//! grader: expect fail never_sells_more_seats_than_exist "makes a lock of its own on every call"
//! grader: expect fail buyers_served_by_their_own_tasks "makes a lock of its own on every call"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "the sales overlapped, so nothing kept them apart"
//! "Wrap the whole sale in a lock": but the lock is made inside `buy`, a new one per
//! call, so every buyer holds a lock nobody else ever waits on.
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
    /// The whole sale under a lock, as `async with lock:` would.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let gate = Mutex::new(());
        let _held = gate.lock().await;
        let sold = self.tally.lock().await.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        self.tally.lock().await.write(buyer, sold + 1);
        Ok(ticket)
    }
}
