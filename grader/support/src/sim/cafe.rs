//! A simulated café: grinding takes 1 s, pulling a shot 2 s, steaming milk 1 s.

use std::time::Duration;

use crate::trace::note;

/// How long [`grind_beans`] takes: 1 s.
pub const GRIND_TIME: Duration = Duration::from_secs(1);
/// How long [`pull_shot`] takes: 2 s.
pub const SHOT_TIME: Duration = Duration::from_secs(2);
/// How long [`steam_milk`] takes: 1 s.
pub const MILK_TIME: Duration = Duration::from_secs(1);

/// An order, as written on the ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// Who ordered.
    pub customer: String,
    /// What they ordered.
    pub drink: String,
}

/// Ground coffee, ready for the machine.
#[derive(Debug)]
pub struct Grounds;
/// A shot of espresso.
#[derive(Debug)]
pub struct Shot;
/// A jug of steamed milk.
#[derive(Debug)]
pub struct Milk;

/// A finished drink.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drink {
    /// Who it is for.
    pub customer: String,
    /// What it is.
    pub name: String,
}

thread_local! {
    static TICKETS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many tickets [`write_ticket`] has written on this thread so far. A check reads it
/// before and after a call, to tell a ticket written *during* the call from one written
/// later by something the call left running (a spawned task runs only after the call).
///
/// ```
/// use workbook::sim::cafe;
/// let before = cafe::tickets_written();
/// cafe::write_ticket("Ada", "latte");
/// assert_eq!(cafe::tickets_written() - before, 1);
/// ```
pub fn tickets_written() -> usize {
    TICKETS.with(std::cell::Cell::get)
}

/// Writes the ticket for an order, at once: a plain function, no waiting. Traced
/// as a `ticket written` event of actor `till`.
///
/// ```
/// let ticket = workbook::sim::cafe::write_ticket("Ada", "latte");
/// assert_eq!(ticket.customer, "Ada");
/// ```
pub fn write_ticket(customer: &str, drink: &str) -> Ticket {
    note("till", &format!("ticket written: {drink} for {customer}"));
    TICKETS.with(|t| t.set(t.get() + 1));
    Ticket { customer: customer.to_string(), drink: drink.to_string() }
}

/// Grinds the beans for one drink: 1 s. Actor `grinder`.
///
/// ```
/// let run = workbook::run(workbook::sim::cafe::grind_beans());
/// run.assert_elapsed(workbook::secs(1));
/// ```
pub async fn grind_beans() -> Grounds {
    super::wait("grinder".to_string(), "start grinding", GRIND_TIME, "grounds ready").await;
    Grounds
}

/// Pulls a shot from the grounds: 2 s. Actor `espresso machine`.
///
/// ```
/// use workbook::sim::cafe;
/// let run = workbook::run(async { cafe::pull_shot(cafe::grind_beans().await).await });
/// run.assert_elapsed(workbook::secs(3));
/// ```
pub async fn pull_shot(_grounds: Grounds) -> Shot {
    super::wait("espresso machine".to_string(), "start pulling a shot", SHOT_TIME, "shot ready").await;
    Shot
}

/// Steams milk: 1 s. Actor `steam wand`.
///
/// ```
/// let run = workbook::run(workbook::sim::cafe::steam_milk());
/// run.assert_elapsed(workbook::secs(1));
/// ```
pub async fn steam_milk() -> Milk {
    super::wait("steam wand".to_string(), "start steaming", MILK_TIME, "milk ready").await;
    Milk
}

/// Pours a latte from a shot and milk, at once.
///
/// ```
/// use workbook::sim::cafe::{self, Milk, Shot};
/// let drink = cafe::pour_latte(&cafe::write_ticket("Ada", "latte"), Shot, Milk);
/// assert_eq!(drink.name, "latte");
/// ```
pub fn pour_latte(ticket: &Ticket, _shot: Shot, _milk: Milk) -> Drink {
    note("barista", &format!("poured {} for {}", ticket.drink, ticket.customer));
    Drink { customer: ticket.customer.clone(), name: ticket.drink.clone() }
}

/// Calls the customer to the counter. A future like any other: it does nothing until
/// it is awaited. Actor `counter`.
///
/// ```
/// use workbook::sim::cafe;
/// let run = workbook::run(cafe::call_customer("Ada"));
/// assert!(run.trace.find("counter", "Ada").is_some());
/// ```
pub async fn call_customer(name: &str) {
    tokio::task::yield_now().await;
    note("counter", &format!("called {name}: your drink is ready"));
}
