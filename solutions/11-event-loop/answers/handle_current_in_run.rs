//! grader: expect fail runner_runs_futures "or `Handle::current()` from plain code"
//! grader: expect fail runner_keeps_one_event_loop "or `Handle::current()` from plain code"
//! Builds a runtime in `new` but, in `run`, looks for the current one with `Handle::current()`: called from plain code, there is none.
//! grader: replaces items

impl Runner {
    /// Runs `future` to its end on the runner's event loop and returns its output,
    /// like `runner.run(coro)`.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        let _ = &self.runtime;
        tokio::runtime::Handle::current().block_on(future)
    }
}
