//! grader: expect pass
//! Another correct answer: `run_all` with `futures::future::join3`, `crunch_numbers` as a stream of chunks folded with a yield after each one, and a `Runner` on a one-worker multi-thread runtime.
//! grader: replaces items

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    futures::future::join3(task_one(), task_two(), task_three()).await;
}

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    use futures::StreamExt as _;
    futures::stream::iter(1..=chunks)
        .fold(0, |total, chunk| async move {
            let sum = total + tasks::crunch(chunk);
            tokio::task::yield_now().await;
            sum
        })
        .await
}

impl Runner {
    /// Starts the event loop, like `asyncio.Runner()`.
    pub fn new() -> std::io::Result<Runner> {
        let runtime = Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
        Ok(Runner { runtime })
    }
}
