//! grader: expect pass
//! Another correct answer: `run_all` spawns the three tasks and awaits their handles;
//! the crunch yields before each chunk rather than after; the `Runner` keeps a
//! multi-thread runtime (`Runtime::new`).
//! grader: replaces items

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    let handles = [tokio::spawn(task_one()), tokio::spawn(task_two()), tokio::spawn(task_three())];
    for handle in handles {
        handle.await.expect("a task panicked");
    }
}

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        tokio::task::yield_now().await;
        total += tasks::crunch(chunk);
    }
    total
}

impl Runner {
    /// Starts the event loop, like `asyncio.Runner()`.
    pub fn new() -> std::io::Result<Runner> {
        let runtime = Runtime::new()?;
        Ok(Runner { runtime })
    }
}
