//! grader: expect pass
//! take_order copies the names into Strings and returns the future of a private
//! `async fn`: calling an `async fn` runs none of its body, so the ticket is still
//! written only when the future is awaited.

use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};

/// The future of [`write_up`], which owns its names.
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    write_up(customer.to_string(), drink.to_string())
}

/// Writes the ticket, when awaited.
async fn write_up(customer: String, drink: String) -> Ticket {
    cafe::write_ticket(&customer, &drink)
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
