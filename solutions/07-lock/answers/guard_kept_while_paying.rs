//! grader: expect fail sales_take_as_long_as_the_lock_is_held "the lock was still held while each buyer paid"
//! grader: expect fail every_sale_is_counted "the lock was still held while each buyer paid"
//! grader: expect fail buyers_served_by_their_own_tasks "the lock was still held while each buyer paid"
//! Takes the seat first, but the `tokio::sync::Mutex` guard lives to the end of the
//! function: the payments wait for each other though the seat is already written.
//! grader: replaces `let ticket = tickets::charge(buyer, sold + 1).await;` with ``
//! grader: replaces `Ok(ticket)` with `Ok(tickets::charge(buyer, sold + 1).await)`
