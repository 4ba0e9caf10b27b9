//! grader: expect fail connection_returned_when_cancelled "but the call it was lent for never ended"
//! Holds the lease in a guard, but runs the call as a spawned task and awaits its JoinHandle: when the caller gives up, the lease goes back while the call still runs on it.
//! grader: replaces items

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    let _lease = Lease::take(service);
    let owned = service.to_string();
    tokio::spawn(async move { flaky::call(&owned).await }).await.expect("the call panicked")
}
