//! grader: expect fail every_sale_is_counted "never became idle"
//! grader: expect fail never_sells_more_seats_than_exist "never became idle"
//! grader: expect fail critical_sections_never_interleave "never became idle"
//! grader: expect fail sales_take_as_long_as_the_lock_is_held "never became idle"
//! grader: expect fail buyers_served_by_their_own_tasks "never became idle"
//! A home-made lock: an `AtomicBool` taken with `compare_exchange`, and a loop around
//! `yield_now()` while another sale holds it. The waiting buyer is always ready to run,
//! so the payment's timer never fires.
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Mutex;

use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    busy: AtomicBool,
    tally: Mutex<Tally>,
}

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, busy: AtomicBool::new(false), tally: Mutex::new(Tally::new()) }
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
        // Wait for our turn: take the flag, or let the others run and try again.
        while self.busy.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            tokio::task::yield_now().await;
        }
        let sold = self.tally.lock().await.read(buyer);
        if sold >= self.capacity {
            self.busy.store(false, Ordering::Release);
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        self.tally.lock().await.write(buyer, sold + 1);
        self.busy.store(false, Ordering::Release);
        Ok(ticket)
    }
}
