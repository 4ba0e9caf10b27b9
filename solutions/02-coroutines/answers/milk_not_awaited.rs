//! grader: expect compile-error "expected `Milk`, found future"
//! Hands the steam_milk future to pour_latte, which wants the milk itself: without
//! `.await` the value is a future of Milk, not Milk, and the types don't match.

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

/// Grind, shot, and milk that was never steamed.
pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk();
    cafe::pour_latte(ticket, shot, milk)
}

/// Order, latte, call.
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    cafe::call_customer(customer).await;
    latte
}
