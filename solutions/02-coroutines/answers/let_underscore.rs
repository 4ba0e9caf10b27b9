//! grader: expect fail customer_is_called_after_pouring "drops the future without running it"
//! Silences rustc's unused_must_use error with `let _ =`: the call_customer future is
//! built and dropped on the spot, so the customer is never called.
//! grader: replaces items

/// Order, latte, and a call that never happens.
#[allow(
    clippy::let_underscore_future,
    reason = "the mistake this answer shows"
)]
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    let _ = cafe::call_customer(customer);
    latte
}
