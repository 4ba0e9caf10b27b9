//! grader: expect fail mistake_2_pauses_do_not_block "the first tick of a fresh `tokio::time::interval`"
//! Pauses with `tokio::time::interval(RATE_LIMIT_PAUSE).tick().await`, a rate limiter's tool: but an interval's first tick completes at once, so there is no pause at all.
//! grader: replaces items

/// One tick of a fresh interval.
pub async fn pause_for_rate_limit() {
    tokio::time::interval(RATE_LIMIT_PAUSE).tick().await;
}
