//! Chapter 07 · lock: no two buyers get the same seat.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use futures::future::join_all;
use workbook::millis;
use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch07::lost_update", || {
        Picture::of(async {
            let box_office = std::sync::Mutex::new(Tally::new());
            join_all(BUYERS.iter().map(|buyer| sell_locked_twice(&box_office, buyer))).await;
        })
    }),
    ("ch07::seat_first", || {
        Picture::of(async {
            let box_office = std::sync::Mutex::new(Tally::new());
            join_all(BUYERS.iter().map(|buyer| sell_seat_first(&box_office, buyer))).await;
        })
    }),
    ("ch07::cancelled_sale", || Picture::of(cancelled_sale())),
];

/// The concert's seats.
pub const SEATS: u32 = 3;

/// The five buyers who arrive at the same moment.
pub const BUYERS: [&str; 5] = ["Ada", "Ben", "Cleo", "Dan", "Eve"];

/// The lost update: the tally is locked to read it, and again to write it, with the
/// payment in between (the exercise's stub does this).
pub async fn sell_locked_twice(box_office: &std::sync::Mutex<Tally>, buyer: &str) -> Result<Ticket, SoldOut> {
    // ANCHOR: locked_twice
    let sold = box_office.lock().unwrap().read(buyer); // lock, read, unlock
    if sold >= SEATS {
        return Err(SoldOut { buyer: buyer.to_string() });
    }
    let ticket = tickets::charge(buyer, sold + 1).await; // nobody holds the lock here
    box_office.lock().unwrap().write(buyer, sold + 1); // lock, write, unlock
    Ok(ticket)
    // ANCHOR_END: locked_twice
}

// ANCHOR: tokio_mutex
/// One sale: the lock is held from the read to the write, across the payment.
async fn sell(box_office: &tokio::sync::Mutex<Tally>, buyer: &str) -> Result<Ticket, SoldOut> {
    let mut tally = box_office.lock().await; // wait for the lock, like `async with`
    let sold = tally.read(buyer);
    if sold >= SEATS {
        return Err(SoldOut { buyer: buyer.to_string() });
    }
    let ticket = tickets::charge(buyer, sold + 1).await; // still holding it
    tally.write(buyer, sold + 1);
    Ok(ticket)
} // `tally`, the guard, is dropped here: the lock is free

/// Five buyers at once, served concurrently in one task.
pub async fn five_buyers() -> Vec<Result<Ticket, SoldOut>> {
    let box_office = tokio::sync::Mutex::new(Tally::new());
    let buyers = ["Ada", "Ben", "Cleo", "Dan", "Eve"];
    join_all(buyers.iter().map(|buyer| sell(&box_office, buyer))).await
}
// ANCHOR_END: tokio_mutex

/// Each buyer served by a task of its own: the tally is shared through an `Arc`.
pub async fn buyers_in_tasks() -> Vec<Result<Ticket, SoldOut>> {
    // ANCHOR: spawned
    let box_office = Arc::new(tokio::sync::Mutex::new(Tally::new()));
    let mut sales = Vec::new();
    for buyer in ["Ada", "Ben", "Cleo", "Dan", "Eve"] {
        let box_office = Arc::clone(&box_office); // one handle per task, one tally
        sales.push(tokio::spawn(async move { sell(&box_office, buyer).await }));
    }
    // ANCHOR_END: spawned
    join_all(sales).await.into_iter().map(|sale| sale.expect("a sale panicked")).collect()
}

/// Take the seat under a short lock, let the lock go, then pay.
pub async fn sell_seat_first(box_office: &std::sync::Mutex<Tally>, buyer: &str) -> Result<Ticket, SoldOut> {
    // ANCHOR: seat_first
    let seat = {
        let mut tally = box_office.lock().unwrap(); // std::sync::Mutex is fine here
        let sold = tally.read(buyer);
        if sold >= SEATS {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        tally.write(buyer, sold + 1);
        sold + 1
    }; // the guard is dropped here: no lock is held below
    Ok(tickets::charge(buyer, seat).await)
    // ANCHOR_END: seat_first
}

/// Take the seat first, but keep a tokio guard alive during the payment: correct, and
/// as slow as holding the lock across the whole sale.
pub async fn sell_guard_kept(box_office: &tokio::sync::Mutex<Tally>, buyer: &str) -> Result<Ticket, SoldOut> {
    let mut tally = box_office.lock().await;
    let sold = tally.read(buyer);
    if sold >= SEATS {
        return Err(SoldOut { buyer: buyer.to_string() });
    }
    tally.write(buyer, sold + 1);
    Ok(tickets::charge(buyer, sold + 1).await) // `tally` is still alive here
}

/// A `std::sync::MutexGuard` held across the payment. It compiles here because nothing
/// asks this future to be `Send`; two of them joined in one task deadlock.
#[expect(clippy::await_holding_lock, reason = "the chapter's mistake, shown on purpose")]
pub async fn sell_holding_std_guard(box_office: &std::sync::Mutex<Tally>, buyer: &str) -> Result<Ticket, SoldOut> {
    let mut tally = box_office.lock().unwrap();
    let sold = tally.read(buyer);
    if sold >= SEATS {
        return Err(SoldOut { buyer: buyer.to_string() });
    }
    let ticket = tickets::charge(buyer, sold + 1).await;
    tally.write(buyer, sold + 1);
    Ok(ticket)
}

/// "It's one thread": a `RefCell` whose borrow lives across the payment.
#[expect(clippy::await_holding_refcell_ref, reason = "the chapter's mistake, shown on purpose")]
pub async fn sell_from_refcell(box_office: &RefCell<Tally>, buyer: &str) -> Result<Ticket, SoldOut> {
    let mut tally = box_office.borrow_mut();
    let sold = tally.read(buyer);
    if sold >= SEATS {
        return Err(SoldOut { buyer: buyer.to_string() });
    }
    let ticket = tickets::charge(buyer, sold + 1).await;
    tally.write(buyer, sold + 1);
    Ok(ticket)
}

/// Ada gives up after 0.5 s, in the middle of her payment, while Ben waits for the lock.
pub async fn cancelled_sale() -> (Option<Result<Ticket, SoldOut>>, Result<Ticket, SoldOut>) {
    let box_office = tokio::sync::Mutex::new(Tally::new());
    // ANCHOR: cancelled_sale
    let (ada, ben) = tokio::join!(
        tokio::time::timeout(millis(500), sell(&box_office, "Ada")), // Ada gives up at 0.5 s
        sell(&box_office, "Ben"),                                    // Ben waits for the lock
    );
    // ANCHOR_END: cancelled_sale
    (ada.ok(), ben)
}

/// The same with take-the-seat-first: the cancelled sale keeps its seat, unpaid.
pub async fn cancelled_seat_first() -> u32 {
    let box_office = std::sync::Mutex::new(Tally::new());
    let _ = tokio::time::timeout(millis(500), sell_seat_first(&box_office, "Ada")).await;
    box_office.lock().unwrap().read("box office")
}

/// The seats of the tickets sold, in the buyers' order, and how many were refused.
pub fn seats(outcomes: &[Result<Ticket, SoldOut>]) -> (Vec<u32>, usize) {
    let seats = outcomes.iter().filter_map(|o| o.as_ref().ok()).map(|t| t.seat).collect();
    (seats, outcomes.iter().filter(|o| o.is_err()).count())
}

/// When `actor` did `what`, in a run's trace.
pub fn at(trace: &workbook::trace::Trace, actor: &str, what: &str) -> Duration {
    trace.find(actor, what).unwrap_or_else(|| panic!("no `{what}` for {actor}:\n{}", trace.table())).at
}

#[cfg(test)]
mod tests {
    use super::*;
    use workbook::{run, secs};

    #[test]
    fn locking_twice_sells_seat_one_five_times() {
        let run = run(async {
            let box_office = std::sync::Mutex::new(Tally::new());
            let outcomes = join_all(BUYERS.iter().map(|buyer| sell_locked_twice(&box_office, buyer))).await;
            let sold = box_office.lock().unwrap().read("box office");
            (outcomes, sold)
        });
        let (outcomes, sold) = run.value;
        assert_eq!(seats(&outcomes), (vec![1, 1, 1, 1, 1], 0), "five tickets for seat 1");
        assert_eq!(sold, 1, "the books say 1 seat sold");
        assert_eq!(run.virtual_elapsed, secs(1));
        for buyer in BUYERS {
            assert_eq!(at(&run.trace, buyer, "read tally: 0 sold"), Duration::ZERO);
            assert_eq!(at(&run.trace, buyer, "wrote tally: 1 sold"), secs(1));
        }
    }

    #[test]
    fn a_tokio_mutex_held_across_the_payment_sells_one_seat_at_a_time() {
        let run = run(five_buyers());
        assert_eq!(seats(&run.value), (vec![1, 2, 3], 2));
        assert_eq!(run.virtual_elapsed, secs(3));
        // Fair: the lock goes to the buyers in the order they asked for it.
        assert_eq!(at(&run.trace, "Ben", "read tally: 1 sold"), secs(1));
        assert_eq!(at(&run.trace, "Cleo", "read tally: 2 sold"), secs(2));
        assert_eq!(at(&run.trace, "Dan", "read tally: 3 sold"), secs(3));
        assert_eq!(at(&run.trace, "Eve", "read tally: 3 sold"), secs(3));
        assert!(run.value[3] == Err(SoldOut { buyer: "Dan".into() }));
    }

    #[test]
    fn tasks_share_the_tally_through_an_arc() {
        let run = run(buyers_in_tasks());
        assert_eq!(seats(&run.value), (vec![1, 2, 3], 2));
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn taking_the_seat_first_lets_the_payments_overlap() {
        let run = run(async {
            let box_office = std::sync::Mutex::new(Tally::new());
            join_all(BUYERS.iter().map(|buyer| sell_seat_first(&box_office, buyer))).await
        });
        assert_eq!(seats(&run.value), (vec![1, 2, 3], 2));
        assert_eq!(run.virtual_elapsed, secs(1));
        assert_eq!(at(&run.trace, "Cleo", "wrote tally: 3 sold"), Duration::ZERO);
        assert_eq!(at(&run.trace, "Eve", "read tally: 3 sold"), Duration::ZERO);
        assert!(run.trace.find("Dan", "charging").is_none(), "Dan was charged");
    }

    #[test]
    fn a_guard_that_lives_too_long_queues_the_payments() {
        let run = run(async {
            let box_office = tokio::sync::Mutex::new(Tally::new());
            join_all(BUYERS.iter().map(|buyer| sell_guard_kept(&box_office, buyer))).await
        });
        assert_eq!(seats(&run.value), (vec![1, 2, 3], 2));
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn a_std_guard_across_the_payment_would_block_the_next_lock() {
        let run = run(async {
            let box_office = std::sync::Mutex::new(Tally::new());
            let (ada, ben_could_lock) = tokio::join!(sell_holding_std_guard(&box_office, "Ada"), async {
                tokio::task::yield_now().await; // Ada is now paying, guard in hand
                // `lock()` here would block the runtime's only thread: Ada could
                // never resume to let go. `try_lock` shows the lock is taken.
                box_office.try_lock().is_ok()
            });
            (ada, ben_could_lock)
        });
        assert!(run.value.0.is_ok());
        assert!(!run.value.1, "the lock was free while Ada was paying");
    }

    #[test]
    #[should_panic(expected = "borrow")]
    fn a_refcell_borrowed_across_the_payment_panics() {
        let _ = run(async {
            let box_office = RefCell::new(Tally::new());
            tokio::join!(sell_from_refcell(&box_office, "Ada"), sell_from_refcell(&box_office, "Ben"))
        });
    }

    #[test]
    fn a_cancelled_sale_lets_go_of_the_lock() {
        let run = run(cancelled_sale());
        let (ada, ben) = run.value;
        assert!(ada.is_none(), "Ada's sale timed out");
        assert_eq!(ben.unwrap().seat, 1, "Ben gets the seat Ada never paid for");
        assert_eq!(at(&run.trace, "Ada", "dropped"), millis(500));
        assert!(run.trace.find("Ada", "wrote tally").is_none());
        assert_eq!(at(&run.trace, "Ben", "read tally: 0 sold"), millis(500));
        assert_eq!(run.virtual_elapsed, millis(1500));
    }

    #[test]
    fn a_cancelled_seat_first_sale_keeps_its_seat() {
        let run = run(cancelled_seat_first());
        assert_eq!(run.value, 1, "the seat was taken, and never paid for");
        assert_eq!(at(&run.trace, "Ada", "dropped"), millis(500));
    }
}
