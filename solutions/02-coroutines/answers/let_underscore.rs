//! grader: expect fail customer_is_called_after_pouring "drops the future without running it"
//! Silences rustc's unused_must_use error with `let _ =`: the call_customer future is
//! built and dropped on the spot, so the customer is never called.

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

/// Order, latte, and a call that never happens.
#[allow(
    clippy::let_underscore_future,
    reason = "the mistake this answer shows"
)]
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    let _ = cafe::call_customer(customer);
    latte
}
