//! grader: expect compile-error "unused implementer of `Future` that must be used"
//! Calls `cafe::call_customer(customer);` without `.await`: a future built and
//! thrown away, which the workspace's `unused_must_use = "deny"` turns into an error.
//! grader: replaces items

/// Order, latte, and a call that is never awaited.
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    let latte = make_latte(&ticket).await;
    cafe::call_customer(customer);
    latte
}
