//! grader: expect fail customer_is_called_after_pouring "before her latte was poured"
//! Awaits call_customer right after taking the order: the customer is called at
//! 0 s, four seconds before there is anything to hand over.

use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};

/// The ticket is written when the future is awaited.
#[allow(
    clippy::manual_async_fn,
    reason = "the exercise asks for a plain fn that returns a future"
)]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async move { cafe::write_ticket(customer, drink) }
}

/// Grind, shot, milk, pour: 4 s.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk().await;
    cafe::pour_latte(ticket, shot, milk)
}

/// Order, call, then the latte.
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    cafe::call_customer(customer).await;
    make_latte(&ticket).await
}
