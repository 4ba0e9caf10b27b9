//! # 07 · lock: no two buyers get the same seat
//!
//! A box office sells the seats of a concert. Each sale reads how many seats are
//! sold, refuses if none is left, charges the buyer's card (1 s), and writes the new
//! count. Many buyers are served at once, and while one waits for the payment, the
//! others run. In Python you would guard the count with `asyncio.Lock` and
//! `async with lock:`; in Rust the data lives *inside* the lock, as it does below.
//! Which lock, and how long to hold it, is yours to find: the chapter shows both of
//! Rust's mutexes, and `grader hint 07` helps when you are stuck.
//!
//! Run `grader check 07` to see how your code ran. The chapter is
//! `docs/src/07-lock.md`.

use std::sync::Mutex;

use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    tally: Mutex<Tally>,
}

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, tally: Mutex::new(Tally::new()) }
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.lock().unwrap().read("box office")
    }

    /// Sells `buyer` the next seat: charges their card and returns the ticket, or
    /// `SoldOut` (without charging anyone) when every seat is taken.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        // TODO: while this buyer waits for the payment, every other buyer reads the same
        //       count, and two buyers get the same seat. From the read of the count to
        //       its write, no other sale may touch it, and the read and the write must go
        //       through one and the same hold on the tally. A refused buyer is never
        //       charged, and `buy` must still compile when each buyer runs in a
        //       `tokio::spawn`ed task, as on a real server.
        let sold = self.tally.lock().unwrap().read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        self.tally.lock().unwrap().write(buyer, sold + 1);
        Ok(ticket)
    }
}
