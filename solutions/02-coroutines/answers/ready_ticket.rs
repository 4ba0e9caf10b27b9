//! grader: expect fail order_is_taken_when_awaited "as soon as take_order was called"
//! grader: expect fail order_never_awaited_writes_nothing "yet a ticket was written"
//! Returns `std::future::ready(cafe::write_ticket(..))`: a future, but its value, and so the ticket, is made when take_order is called.
use std::future::Future;

use workbook::sim::cafe::{self, Drink, Ticket};


pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    std::future::ready(cafe::write_ticket(customer, drink))
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

