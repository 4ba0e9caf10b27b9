//! grader: expect pass
//! Another correct answer: the call runs as a spawned task, and a guard aborts it when
//! the deadline passes (a dropped JoinHandle alone would only detach it). The retries
//! count their pauses with `checked_mul`, and the connection guard is a closure.
//! grader: replaces items

/// Calls `service`, but waits at most `limit` for it. A call still running then is
/// cancelled, and the answer is `CallError::TimedOut`.
pub async fn with_deadline(service: &str, limit: Duration) -> Result<Reply, CallError> {
    let service = service.to_string();
    let call = AbortOnDrop(tokio::spawn(async move { flaky::call(&service).await }));
    match timeout(limit, call).await {
        Ok(Ok(Ok(reply))) => Ok(reply),
        Ok(Ok(Err(error))) => Err(CallError::Failed(error)),
        Ok(Err(join_error)) => panic!("the call panicked: {join_error}"),
        Err(_elapsed) => Err(CallError::TimedOut),
    }
}

/// A JoinHandle that aborts its task when dropped.
#[derive(Debug)]
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl<T> std::future::Future for AbortOnDrop<T> {
    type Output = Result<T, tokio::task::JoinError>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        std::pin::Pin::new(&mut self.0).poll(cx)
    }
}

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    let mut last = CallError::TimedOut;
    for attempt in 0..MAX_ATTEMPTS {
        if attempt > 0 {
            let backoff = FIRST_BACKOFF.checked_mul(1 << (attempt - 1)).expect("a short pause");
            sleep(backoff).await;
        }
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => return Ok(reply),
            Err(error) => last = error,
        }
    }
    Err(GaveUp { attempts: MAX_ATTEMPTS, last })
}

/// Runs a closure when dropped: a `finally` that also runs on cancellation.
struct OnDrop<F: FnOnce()>(Option<F>);

impl<F: FnOnce()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        if let Some(cleanup) = self.0.take() {
            cleanup();
        }
    }
}

/// Calls `service` on a connection borrowed from the pool, and gives the connection
/// back however the call ends: answered, failed, or cancelled by the caller.
pub async fn with_connection(service: &str) -> Result<Reply, ServiceError> {
    flaky::take_connection(service);
    let _give_back = OnDrop(Some(|| flaky::return_connection(service)));
    flaky::call(service).await
}
