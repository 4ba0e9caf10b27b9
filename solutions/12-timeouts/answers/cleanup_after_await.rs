//! grader: expect fail connection_returned_when_cancelled "never went back to the pool"
//! Gives the connection back on the line after the `.await`: never reached when the caller's timeout drops the future.
//! grader: replaces items

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    flaky::take_connection(service);
    let reply = flaky::call(service).await;
    flaky::return_connection(service);
    reply
}
