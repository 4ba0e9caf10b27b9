//! grader: expect pass
//! Another correct answer: `run_all` with a `JoinSet`, task 1 of `waiting_pair` waits
//! with `sleep_until`, and `crunch_numbers` sums an iterator of chunks, yielding
//! between them.
//! grader: replaces items
//! grader: replaces `tokio::time::sleep(Duration::from_secs(5)).await;` with `tokio::time::sleep_until(tokio::time::Instant::now() + Duration::from_secs(5)).await;`

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    let mut tasks = tokio::task::JoinSet::new();
    tasks.spawn(task_one());
    tasks.spawn(task_two());
    tasks.spawn(task_three());
    while let Some(outcome) = tasks.join_next().await {
        outcome.expect("a task panicked");
    }
}

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut chunk_totals = Vec::new();
    for chunk in 1..=chunks {
        if chunk > 1 {
            tokio::task::yield_now().await;
        }
        chunk_totals.push(tasks::crunch(chunk));
    }
    chunk_totals.iter().sum()
}
