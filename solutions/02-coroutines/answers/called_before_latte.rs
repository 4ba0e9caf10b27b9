//! grader: expect fail customer_is_called_after_pouring "before her latte was poured"
//! Awaits call_customer right after taking the order: the customer is called at
//! 0 s, four seconds before there is anything to hand over.
//! grader: replaces items

/// Order, call, then the latte.
pub async fn serve(customer: &str, drink: &str) -> Drink {
    let ticket = take_order(customer, drink).await;
    cafe::call_customer(customer).await;
    make_latte(&ticket).await
}
