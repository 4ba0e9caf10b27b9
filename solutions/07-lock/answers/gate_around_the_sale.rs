//! grader: expect pass
//! Another correct answer, the way Python writes it: a lock of its own next to the data
//! (`self.lock = asyncio.Lock()`), held for the whole sale, while the tally sits in a
//! `std::sync::Mutex` that is only ever locked for one call at a time.

use std::sync::Mutex;

use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    /// One sale at a time, like `async with self.lock:`.
    sale: tokio::sync::Mutex<()>,
    tally: Mutex<Tally>,
}

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, sale: tokio::sync::Mutex::new(()), tally: Mutex::new(Tally::new()) }
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// The whole sale under `sale`; the tally's own lock only for each call.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let _one_at_a_time = self.sale.lock().await;
        let sold = self.tally.lock().unwrap().read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        self.tally.lock().unwrap().write(buyer, sold + 1);
        Ok(ticket)
    }
}
