//! grader: expect pass
//! An `async` block without `move`: it only reads the names through the `&str`
//! references, so it captures copies of those references, and the future may
//! outlive take_order's own variables. It compiles and runs like `async move`.

use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};

/// The ticket is written when the future is awaited.
#[allow(
    clippy::manual_async_fn,
    reason = "the exercise asks for a plain fn that returns a future"
)]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async { cafe::write_ticket(customer, drink) }
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
