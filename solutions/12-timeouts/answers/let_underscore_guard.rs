//! grader: expect fail connection_returned_after_reply "`_` is not a name"
//! grader: expect fail connection_returned_after_error "`_` is not a name"
//! grader: expect fail connection_returned_when_cancelled "`_` is not a name"
//! A right `Drop` guard, bound to `_`: it is dropped on the spot, before the call goes out.
//! grader: replaces items

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    let _ = Lease::take(service);
    flaky::call(service).await
}
