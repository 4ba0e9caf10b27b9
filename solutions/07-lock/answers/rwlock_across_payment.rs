//! grader: expect pass
//! Another correct answer: a `tokio::sync::RwLock` whose write guard is held across the
//! payment; every sale needs to write, so it works like the Mutex, one sale at a time.

use tokio::sync::RwLock;

use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    tally: RwLock<Tally>,
}

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, tally: RwLock::new(Tally::new()) }
    }

    /// How many seats are sold: a read lock is enough to look.
    pub async fn sold(&self) -> u32 {
        self.tally.read().await.read("box office")
    }

    /// The whole sale under the write lock.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let mut tally = self.tally.write().await;
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        tally.write(buyer, sold + 1);
        Ok(ticket)
    }
}
