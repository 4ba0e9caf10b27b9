//! Chapter 07 · lock: no two buyers get the same seat.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::cell::RefCell;
use std::sync::Arc;

use futures::future::join_all;
use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};
use workbook::trace::{Span, note};
use workbook::{millis, secs};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch07::lost_update", || {
        Picture::of(async {
            let box_office = std::sync::Mutex::new(Tally::new());
            join_all(BUYERS.iter().map(|buyer| sell_locked_twice(&box_office, buyer))).await;
        })
    }),
    ("ch07::money_first", || {
        Picture::of(async {
            let account = std::sync::Mutex::new(Account::new(100));
            join_all(HOLDERS.iter().map(|who| withdraw_money_first(&account, who, 30))).await;
        })
    }),
    ("ch07::cancelled_sale", || Picture::of(cancelled_payment())),
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

/// The card holders of a joint account, who pay at the same moment.
pub const HOLDERS: [&str; 5] = ["Ada", "Ben", "Cleo", "Dan", "Eve"];

/// A joint account's balance, in dollars. Each read and write is a note in the trace,
/// under the name of whoever made it.
#[derive(Debug)]
pub struct Account {
    balance: u32,
}

impl Account {
    /// An account holding `balance` dollars.
    pub fn new(balance: u32) -> Account {
        Account { balance }
    }

    /// The balance, as `who` reads it.
    pub fn read(&self, who: &str) -> u32 {
        note(who, &format!("read balance: ${}", self.balance));
        self.balance
    }

    /// `who` writes a new balance.
    pub fn write(&mut self, who: &str, balance: u32) {
        note(who, &format!("wrote balance: ${balance}"));
        self.balance = balance;
    }
}

/// A card payment the bank approved.
#[derive(Debug, PartialEq, Eq)]
pub struct Payment {
    pub who: String,
    pub amount: u32,
}

/// A payment refused: not enough money left.
#[derive(Debug, PartialEq, Eq)]
pub struct Declined {
    pub who: String,
}

/// The card network approves `who`'s payment of `amount`: 1 s, a span of actor `who`.
pub async fn approve(who: &str, amount: u32) -> Payment {
    let span = Span::begin(who, &format!("paying ${amount}"));
    tokio::time::sleep(secs(1)).await;
    span.end(&format!("paid ${amount}"));
    Payment { who: who.to_string(), amount }
}

// ANCHOR: tokio_mutex
/// One payment: the lock is held from the read to the write, across the approval.
async fn withdraw(account: &tokio::sync::Mutex<Account>, who: &str, amount: u32) -> Result<Payment, Declined> {
    let mut balance = account.lock().await; // wait for the lock, like `async with`
    let left = balance.read(who);
    if left < amount {
        return Err(Declined { who: who.to_string() });
    }
    let payment = approve(who, amount).await; // still holding it
    balance.write(who, left - amount);
    Ok(payment)
} // `balance`, the guard, is dropped here: the lock is free

/// Five card holders pay $30 at once from $100, served concurrently in one task.
pub async fn five_payments() -> Vec<Result<Payment, Declined>> {
    let account = tokio::sync::Mutex::new(Account::new(100));
    let holders = ["Ada", "Ben", "Cleo", "Dan", "Eve"];
    join_all(holders.iter().map(|who| withdraw(&account, who, 30))).await
}
// ANCHOR_END: tokio_mutex

/// The same five payments, each in a task of its own.
pub async fn payments_in_tasks() -> Vec<Result<Payment, Declined>> {
    // ANCHOR: spawned
    let account = Arc::new(tokio::sync::Mutex::new(Account::new(100)));
    let mut payments = Vec::new();
    for who in ["Ada", "Ben", "Cleo", "Dan", "Eve"] {
        let account = Arc::clone(&account); // one handle per task, one account
        payments.push(tokio::spawn(async move { withdraw(&account, who, 30).await }));
    }
    // ANCHOR_END: spawned
    join_all(payments).await.into_iter().map(|payment| payment.expect("a payment panicked")).collect()
}

/// Set the money aside under a short lock, let the lock go, then pay.
pub async fn withdraw_money_first(
    account: &std::sync::Mutex<Account>,
    who: &str,
    amount: u32,
) -> Result<Payment, Declined> {
    // ANCHOR: money_first
    {
        let mut balance = account.lock().unwrap(); // std::sync::Mutex is fine here
        let left = balance.read(who);
        if left < amount {
            return Err(Declined { who: who.to_string() });
        }
        balance.write(who, left - amount); // the money is set aside before the payment
    } // the guard is dropped here: no lock is held below
    Ok(approve(who, amount).await)
    // ANCHOR_END: money_first
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
pub async fn cancelled_payment() -> (Option<Result<Payment, Declined>>, Result<Payment, Declined>) {
    let account = tokio::sync::Mutex::new(Account::new(40));
    // ANCHOR: cancelled_sale
    let (ada, ben) = tokio::join!(
        tokio::time::timeout(millis(500), withdraw(&account, "Ada", 30)), // Ada gives up at 0.5 s
        withdraw(&account, "Ben", 30),                                    // Ben waits for the lock
    );
    // ANCHOR_END: cancelled_sale
    (ada.ok(), ben)
}

/// The same with money-first: the cancelled payment keeps its money set aside.
pub async fn cancelled_money_first() -> u32 {
    let account = std::sync::Mutex::new(Account::new(40));
    let _ = tokio::time::timeout(millis(500), withdraw_money_first(&account, "Ada", 30)).await;
    account.lock().unwrap().read("bank")
}

/// The amounts paid, in the holders' order, and how many were declined.
pub fn paid(outcomes: &[Result<Payment, Declined>]) -> (Vec<&str>, usize) {
    let paid = outcomes.iter().filter_map(|o| o.as_ref().ok()).map(|p| p.who.as_str()).collect();
    (paid, outcomes.iter().filter(|o| o.is_err()).count())
}

/// The seats of the tickets sold, in the buyers' order, and how many were refused.
pub fn seats(outcomes: &[Result<Ticket, SoldOut>]) -> (Vec<u32>, usize) {
    let seats = outcomes.iter().filter_map(|o| o.as_ref().ok()).map(|t| t.seat).collect();
    (seats, outcomes.iter().filter(|o| o.is_err()).count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_times, at};
    use std::time::Duration;
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
    fn a_tokio_mutex_held_across_the_approval_takes_one_payment_at_a_time() {
        let run = run(five_payments());
        assert_eq!(paid(&run.value), (vec!["Ada", "Ben", "Cleo"], 2));
        assert_eq!(run.virtual_elapsed, secs(3));
        // Fair: the lock goes to the holders in the order they asked for it.
        assert_eq!(at(&run.trace, "Ben", "read balance: $70"), secs(1));
        assert_eq!(at(&run.trace, "Cleo", "read balance: $40"), secs(2));
        assert_eq!(at(&run.trace, "Dan", "read balance: $10"), secs(3));
        assert_eq!(at(&run.trace, "Eve", "read balance: $10"), secs(3));
        assert!(run.value[3] == Err(Declined { who: "Dan".into() }));
    }

    #[test]
    fn tasks_share_the_account_through_an_arc() {
        let run = run(payments_in_tasks());
        assert_eq!(paid(&run.value), (vec!["Ada", "Ben", "Cleo"], 2));
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn setting_the_money_aside_first_lets_the_approvals_overlap() {
        let run = run(async {
            let account = std::sync::Mutex::new(Account::new(100));
            join_all(HOLDERS.iter().map(|who| withdraw_money_first(&account, who, 30))).await
        });
        assert_eq!(paid(&run.value), (vec!["Ada", "Ben", "Cleo"], 2));
        assert_times(
            &run,
            secs(1),
            &[("Cleo", "wrote balance: $10", Duration::ZERO), ("Eve", "read balance: $10", Duration::ZERO)],
        );
        assert!(run.trace.find("Dan", "paying").is_none(), "Dan paid");
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
    fn a_cancelled_payment_lets_go_of_the_lock() {
        let run = run(cancelled_payment());
        let (ada, ben) = run.value;
        assert!(ada.is_none(), "Ada's payment timed out");
        assert_eq!(ben.unwrap().amount, 30, "Ben pays with the money Ada never spent");
        assert_eq!(at(&run.trace, "Ada", "dropped"), millis(500));
        assert!(run.trace.find("Ada", "wrote balance").is_none());
        assert_eq!(at(&run.trace, "Ben", "read balance: $40"), millis(500));
        assert_eq!(run.virtual_elapsed, millis(1500));
    }

    #[test]
    fn a_cancelled_money_first_payment_keeps_its_money_aside() {
        let run = run(cancelled_money_first());
        assert_eq!(run.value, 10, "the money was set aside, and never paid");
        assert_eq!(at(&run.trace, "Ada", "dropped"), millis(500));
    }
}
