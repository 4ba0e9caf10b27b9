//! grader: expect pass
//! Another correct answer: an interval of one pause, ticked twice: the first tick completes at once, the second one pause later.
//! grader: replaces items

/// The second tick of a fresh interval: one pause from now.
pub async fn pause_for_rate_limit() {
    let mut interval = tokio::time::interval(RATE_LIMIT_PAUSE);
    interval.tick().await;
    interval.tick().await;
}
