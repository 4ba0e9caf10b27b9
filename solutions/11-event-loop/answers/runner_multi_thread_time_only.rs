//! grader: expect pass
//! Another correct answer: the `Runner` keeps a multi-thread runtime with two workers and only the timer enabled; tasks spawned during one `run` keep running on its workers between calls.
//! grader: replaces items

impl Runner {
    /// Starts the event loop, like `asyncio.Runner()`.
    pub fn new() -> std::io::Result<Runner> {
        let runtime = Builder::new_multi_thread().worker_threads(2).enable_time().build()?;
        Ok(Runner { runtime })
    }
}
