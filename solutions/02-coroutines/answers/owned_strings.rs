//! grader: expect pass
//! take_order copies the names into Strings and returns the future of a private
//! `async fn`: calling an `async fn` runs none of its body, so the ticket is still
//! written only when the future is awaited.
//! grader: replaces items

/// The future of [`write_up`], which owns its names.
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    write_up(customer.to_string(), drink.to_string())
}

/// Writes the ticket, when awaited.
async fn write_up(customer: String, drink: String) -> Ticket {
    cafe::write_ticket(&customer, &drink)
}
