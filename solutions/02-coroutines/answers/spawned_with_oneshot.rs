//! grader: expect fail order_is_taken_when_awaited "something that take_order started ran on its own"
//! grader: expect fail order_never_awaited_writes_nothing "kept running after its future was dropped"
//! Starts the order as a task that writes the ticket and sends it back over a oneshot
//! channel; the future take_order returns only waits for that answer.
//! grader: replaces items

use tokio::sync::oneshot;

pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    let (customer, drink) = (customer.to_string(), drink.to_string());
    let (ready, ticket) = oneshot::channel();
    tokio::spawn(async move {
        let _ = ready.send(cafe::write_ticket(&customer, &drink));
    });
    async move { ticket.await.expect("the order task ended without a ticket") }
}
