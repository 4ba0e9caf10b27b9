//! # 02 · coroutines: a future does nothing until it is awaited
//!
//! Reference solution.

use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};

/// The order, as a future: the ticket is written when the future is awaited, not
/// when `take_order` is called. Everything happens inside the `async move` block.
#[allow(clippy::manual_async_fn, reason = "the exercise asks for a plain fn that returns a future")]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async move { cafe::write_ticket(customer, drink) }
}

/// Grind, pull the shot, steam the milk, pour: one step after another, 4 s.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk().await;
    cafe::pour_latte(ticket, shot, milk)
}

/// Takes the order, makes the latte, then calls the customer, awaiting each step.
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    cafe::call_customer(customer).await;
    latte
}
