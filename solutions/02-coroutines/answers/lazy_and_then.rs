//! grader: expect pass
//! Another correct answer: `futures::future::lazy` for take_order (its closure runs at the first poll), and the steps chained with `FutureExt::then`.
//! grader: replaces items

use futures::FutureExt as _;

pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    futures::future::lazy(move |_| cafe::write_ticket(customer, drink))
}

pub async fn make_latte(ticket: &Ticket) -> Drink {
    let shot = cafe::grind_beans().then(cafe::pull_shot).await;
    let milk = cafe::steam_milk().await;
    cafe::pour_latte(ticket, shot, milk)
}
