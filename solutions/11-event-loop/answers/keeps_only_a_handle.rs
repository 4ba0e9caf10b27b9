//! grader: expect fail runner_runs_futures "a `Handle` to it does not keep it alive"
//! grader: expect fail runner_keeps_one_event_loop "it should have answered 1, but the answer was Err(Gone)"
//! Keeps only a `Handle` in the `Runner`: the `Runtime` it came from is dropped at the end of `new`, and shuts down.
//! grader: replaces items

/// Python's `asyncio.Runner`: one event loop, started once, for several `run` calls.
/// Tasks spawned during one `run` are still there in the next.
#[derive(Debug)]
pub struct Runner {
    handle: tokio::runtime::Handle,
}

impl Runner {
    /// Starts the event loop, like `asyncio.Runner()`.
    pub fn new() -> std::io::Result<Runner> {
        let runtime = Builder::new_current_thread().enable_all().build()?;
        Ok(Runner { handle: runtime.handle().clone() })
    }

    /// Runs `future` to its end on the runner's event loop and returns its output,
    /// like `runner.run(coro)`.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        self.handle.block_on(future)
    }
}
