//! grader: expect fail order_is_taken_when_awaited "no ticket was written"
//! grader: expect fail customer_is_called_after_pouring "`till • ticket written: latte for Ada`; yours never has it"
//! The future builds the `Ticket` itself instead of asking the till to write it: lazy, but the café never hears of the order.
//! grader: replaces items

#[allow(clippy::manual_async_fn)]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async move { Ticket { customer: customer.to_string(), drink: drink.to_string() } }
}
