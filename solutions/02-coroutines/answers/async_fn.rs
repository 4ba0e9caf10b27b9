//! grader: expect pass
//! take_order as an `async fn`, as clippy suggests: an `async fn` is shorthand for a
//! plain fn whose whole body is an `async move` block, so the ticket is still written
//! only when the future is awaited.
//! grader: replaces items

/// The ticket is written when the future is awaited.
pub async fn take_order(customer: &str, drink: &str) -> Ticket {
    cafe::write_ticket(customer, drink)
}
