//! grader: expect compile-error "the trait `Sync` is not implemented for `RefCell<Tally>`"
//! "One thread, so no lock needed": a `RefCell` borrowed across the payment. The box
//! office can't be shared between tasks (`RefCell` is not `Sync`), so `tokio::spawn`
//! refuses it; and in one task, Ben's `borrow_mut` would panic while Ada's is held.

use std::cell::RefCell;

use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

/// A box office for one concert with `capacity` seats.
#[derive(Debug)]
pub struct BoxOffice {
    capacity: u32,
    tally: RefCell<Tally>,
}

impl BoxOffice {
    /// A box office with `capacity` seats, none sold.
    pub fn new(capacity: u32) -> BoxOffice {
        BoxOffice { capacity, tally: RefCell::new(Tally::new()) }
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.tally.borrow().read("box office")
    }

    /// Borrows the tally for the whole sale, across the payment.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let mut tally = self.tally.borrow_mut();
        let sold = tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        tally.write(buyer, sold + 1);
        Ok(ticket)
    }
}
