// A `std::sync::MutexGuard` alive across the payment, in a sale served by a spawned task.
use std::sync::{Arc, Mutex};

use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

const SEATS: u32 = 3;

// ANCHOR: std_guard
async fn sell(box_office: &Mutex<Tally>, buyer: &str) -> Result<Ticket, SoldOut> {
    let mut tally = box_office.lock().unwrap(); // std::sync::Mutex
    let sold = tally.read(buyer);
    if sold >= SEATS {
        return Err(SoldOut { buyer: buyer.to_string() });
    }
    let ticket = tickets::charge(buyer, sold + 1).await; // the guard is still alive
    tally.write(buyer, sold + 1);
    Ok(ticket)
}

fn serve(box_office: Arc<Mutex<Tally>>, buyer: &'static str) {
    tokio::spawn(async move { sell(&box_office, buyer).await });
}
// ANCHOR_END: std_guard

fn main() {
    serve(Arc::new(Mutex::new(Tally::new())), "Ada");
}
