//! grader: expect pass
//! Another correct answer: `with_deadline` races the call against a sleep in `select!`, and the connection goes back from a generic guard that runs a closure when dropped.
//! grader: replaces items

/// Calls `service`, but waits at most `limit` for it. A call still running then is
/// cancelled, and the answer is `CallError::TimedOut`.
pub async fn with_deadline(service: &str, limit: Duration) -> Result<Reply, CallError> {
    tokio::select! {
        result = flaky::call(service) => result.map_err(CallError::Failed),
        () = sleep(limit) => Err(CallError::TimedOut),
    }
}

/// Runs its closure when dropped, whatever the reason for the drop.
struct OnDrop<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    flaky::take_connection(service);
    let _give_back = OnDrop(|| flaky::return_connection(service));
    flaky::call(service).await
}
