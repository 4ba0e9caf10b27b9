//! grader: expect fail order_is_taken_when_awaited "as soon as take_order was called"
//! grader: expect fail order_never_awaited_writes_nothing "yet a ticket was written"
//! Returns `std::future::ready(cafe::write_ticket(..))`: a future, but its value, and so the ticket, is made when take_order is called.
//! grader: replaces items

pub fn take_order(customer: &str, drink: &str) -> impl Future<Output = Ticket> {
    std::future::ready(cafe::write_ticket(customer, drink))
}
