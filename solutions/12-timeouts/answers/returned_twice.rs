//! grader: expect fail connection_returned_after_reply "given back 2 times"
//! grader: expect fail connection_returned_after_error "given back 2 times"
//! A `Drop` guard, and the connection given back by hand as well.
//! grader: replaces items

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    let _lease = Lease::take(service);
    let reply = flaky::call(service).await;
    flaky::return_connection(service);
    reply
}
