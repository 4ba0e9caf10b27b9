//! grader: expect pass
//! serve is a plain `fn` returning an `async move` block, the same shape as
//! take_order: nothing runs until the caller awaits it.
//! grader: replaces items

/// Order, latte, call, all inside one `async move` block.
#[allow(
    clippy::manual_async_fn,
    reason = "this answer shows the block form on purpose"
)]
pub fn serve(customer: &str, drink: &str) -> impl Future<Output = Drink> {
    async move {
        let ticket = take_order(customer, drink).await;
        let latte = make_latte(&ticket).await;
        cafe::call_customer(customer).await;
        latte
    }
}
