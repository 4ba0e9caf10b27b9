//! grader: expect pass
//! Another correct answer: the retries are a recursive async function (boxed, as recursion in async needs), each level one attempt and the pause before the next.
//! grader: replaces items

/// Calls `service` until it answers, at most [`MAX_ATTEMPTS`] times. Each attempt may
/// take [`ATTEMPT_LIMIT`]; between two attempts, waits [`FIRST_BACKOFF`], then twice
/// as long each time.
pub async fn with_retries(service: &str) -> Result<Reply, GaveUp> {
    attempt_from(service, 1, FIRST_BACKOFF).await
}

/// Attempt number `attempt`, then, if it fails and is not the last, a pause of `backoff` and the rest.
fn attempt_from<'a>(
    service: &'a str,
    attempt: u32,
    backoff: Duration,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Reply, GaveUp>> + Send + 'a>> {
    Box::pin(async move {
        match with_deadline(service, ATTEMPT_LIMIT).await {
            Ok(reply) => Ok(reply),
            Err(last) if attempt == MAX_ATTEMPTS => Err(GaveUp { attempts: attempt, last }),
            Err(_) => {
                sleep(backoff).await;
                attempt_from(service, attempt + 1, backoff * 2).await
            }
        }
    })
}
