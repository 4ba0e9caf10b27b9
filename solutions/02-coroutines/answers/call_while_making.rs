//! grader: expect fail customer_is_called_after_pouring "before her latte was poured"
//! Calls the customer while the latte is being made, with `tokio::join!`, so she is at the counter when it is ready: she is called at 0 s.
//! grader: replaces items

#[allow(clippy::manual_async_fn)]
pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    async move { cafe::write_ticket(customer, drink) }
}

pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let (latte, ()) = tokio::join!(make_latte(&ticket), cafe::call_customer(customer));
    latte
}
