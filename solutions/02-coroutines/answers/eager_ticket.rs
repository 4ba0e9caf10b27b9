//! grader: expect fail order_is_taken_when_awaited "as soon as take_order was called"
//! grader: expect fail order_never_awaited_writes_nothing "yet a ticket was written"
//! The stub with its two compile errors fixed: take_order still writes the ticket
//! before its `async` block, so the ticket exists as soon as take_order is called.

use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};

/// Writes the ticket at once, then wraps it in a future.
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    let ticket = cafe::write_ticket(customer, drink);
    async move { ticket }
}

/// Grind, shot, milk, pour: 4 s.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk().await;
    cafe::pour_latte(ticket, shot, milk)
}

/// Order, latte, call.
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    cafe::call_customer(customer).await;
    latte
}
