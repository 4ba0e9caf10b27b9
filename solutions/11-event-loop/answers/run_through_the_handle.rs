//! grader: expect fail runner_runs_futures "did not finish in 10 s of real time"
//! grader: expect fail runner_keeps_one_event_loop "did not finish in 10 s of real time"
//! The `Runner` keeps its runtime, but `run` goes through `self.runtime.handle().block_on(..)`: on a current-thread runtime only `Runtime::block_on` drives the timers, so a future that sleeps never wakes.
//! grader: replaces items

impl Runner {
    /// Runs `future` through a handle to the runner's event loop.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        self.runtime.handle().block_on(future)
    }
}
