//! grader: expect fail order_is_taken_when_awaited "no ticket was written"
//! grader: expect fail customer_is_called_after_pouring "`till • ticket written: latte for Ada`; yours never has it"
//! The future builds the `Ticket` itself instead of asking the till to write it: lazy, but the café never hears of the order.
use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};


#[allow(clippy::manual_async_fn)]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async move { Ticket { customer: customer.to_string(), drink: drink.to_string() } }
}

pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk().await;
    cafe::pour_latte(ticket, shot, milk)
}

pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    cafe::call_customer(customer).await;
    latte
}

