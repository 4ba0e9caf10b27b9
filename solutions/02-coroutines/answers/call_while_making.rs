//! grader: expect fail customer_is_called_after_pouring "before her latte was poured"
//! Calls the customer while the latte is being made, with `tokio::join!`, so she is at the counter when it is ready: she is called at 0 s.
use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};

#[allow(clippy::manual_async_fn)]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async move { cafe::write_ticket(customer, drink) }
}

pub async fn make_latte(ticket: &Ticket) -> Drink {
    let grounds = cafe::grind_beans().await;
    let shot = cafe::pull_shot(grounds).await;
    let milk = cafe::steam_milk().await;
    cafe::pour_latte(ticket, shot, milk)
}


pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let (latte, ()) = tokio::join!(make_latte(&ticket), cafe::call_customer(customer));
    latte
}
