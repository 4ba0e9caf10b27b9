//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! A gate lock like `gate_around_the_sale`, but its guard lives in the block that reads
//! the count: it is let go at that block's `}`, before the write takes the tally's lock
//! again. A text scanner saw `let _gate = self.gate.lock().await;` before the read and
//! took it for a gate held to the end; the parser sees the block close.

use std::sync::Mutex;

use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    gate: tokio::sync::Mutex<()>,
    tally: Mutex<Tally>,
}

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, gate: tokio::sync::Mutex::new(()), tally: Mutex::new(Tally::new()) }
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// The gate only around the look.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let sold = {
            let _gate = self.gate.lock().await;
            self.tally.lock().unwrap().read(buyer)
        };
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        self.tally.lock().unwrap().write(buyer, sold + 1);
        Ok(tickets::charge(buyer, sold + 1).await)
    }
}
