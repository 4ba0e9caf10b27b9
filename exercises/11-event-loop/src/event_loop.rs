//! # 11 · event loop: tasks take turns on one thread
//!
//! Python's event loop runs one task at a time: a task runs until it reaches an
//! `await` that has to wait, and only then does the loop switch to another task that
//! is ready. A tokio runtime works the same way. On a current-thread runtime (the
//! checks use one), every task shares one thread, and a task lets the others run
//! only at an `.await` that is not ready yet.
//!
//! Four things to do:
//!
//! 1. [`run_all`]: run the notes' three tasks together, like
//!    `asyncio.gather(task_one(), task_two(), task_three())`, so that their events come
//!    at 0.0, 0.5, 1.0, 2.0 and 3.0 s, as in the notes' Time | Event table.
//! 2. [`waiting_pair`]: [`blocking_pair`] is the notes' `time.sleep(5)` example, given
//!    for comparison: 7 s. Make task 1 wait without holding the thread: 5 s.
//! 3. [`crunch_numbers`]: a long CPU loop. Let the other tasks run between its chunks.
//! 4. [`Runner`]: Python's `asyncio.Runner`, one event loop for several `run` calls.
//!
//! `tasks::block_thread` and `tasks::crunch` hold the thread the way
//! `std::thread::sleep` or a real computation would, but the time they take passes on
//! the checks' virtual clock, so the trace shows what the other tasks went through.
//!
//! Run `grader check 11` to see how your code ran. The chapter is
//! `docs/src/11-event-loop.md`.

use std::future::Future;
use std::time::Duration;

use tokio::runtime::Runtime;
use workbook::sim::tasks::{self, say};

/// Task 1 of the notes: start, wait 1 s, resume, wait 2 s, done. (The notes' code
/// waits 1 s twice, but their table has task 1 done at 3.0 s: the table wins here.)
pub async fn task_one() {
    say("Task 1", "Start");
    tokio::time::sleep(Duration::from_secs(1)).await;
    say("Task 1", "Resumed after 1 second");
    tokio::time::sleep(Duration::from_secs(2)).await;
    say("Task 1", "Done");
}

/// Task 2 of the notes: start, wait 2 s, resume and finish.
pub async fn task_two() {
    say("Task 2", "Start");
    tokio::time::sleep(Duration::from_secs(2)).await;
    say("Task 2", "Resumed after 2 seconds");
    say("Task 2", "Done");
}

/// Task 3 of the notes: start, wait 0.5 s, resume, wait 0.5 s, done.
pub async fn task_three() {
    say("Task 3", "Start");
    tokio::time::sleep(Duration::from_millis(500)).await;
    say("Task 3", "Resumed after 0.5 seconds");
    tokio::time::sleep(Duration::from_millis(500)).await;
    say("Task 3", "Done");
}

/// Runs the three tasks together, like
/// `await asyncio.gather(task_one(), task_two(), task_three())`: 3 s in all.
pub async fn run_all() {
    // TODO: each task starts only when the one before it is done: 3 s + 2 s + 1 s.
    //       All three must start at 0 s and take turns on this one thread, so that the
    //       events come at 0.0, 0.5, 1.0, 2.0 and 3.0 s and the whole run takes 3 s.
    task_one().await;
    task_two().await;
    task_three().await;
}

/// The notes' blocking example, given for comparison (leave it as it is). Task 1
/// holds the thread for 5 s with a blocking call (`time.sleep(5)` in Python,
/// `std::thread::sleep` in Rust, `tasks::block_thread` here), so task 2 can start
/// only when it lets go: 7 s in all.
pub async fn blocking_pair() {
    let task_one = async {
        say("Task 1", "Start");
        tasks::block_thread(Duration::from_secs(5));
        say("Task 1", "End");
    };
    let task_two = async {
        say("Task 2", "Start");
        tokio::time::sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
}

/// The same two tasks, with task 1 waiting its 5 s without holding the thread, so
/// task 2 runs meanwhile: 5 s in all.
pub async fn waiting_pair() {
    let task_one = async {
        say("Task 1", "Start");
        // TODO: a blocking call holds the only thread, so task 2 can't even start
        //       for 5 s. Task 1 must still wait 5 s, but in a way that lets the event
        //       loop run task 2 meanwhile: 5 s in all, not 7 s.
        tasks::block_thread(Duration::from_secs(5));
        say("Task 1", "End");
    };
    let task_two = async {
        say("Task 2", "Start");
        tokio::time::sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
}

/// Crunches chunks 1 to `chunks` with `tasks::crunch` (250 ms of CPU work each) and
/// returns the sum of their results. It runs as a task among others, which must
/// keep running while it works.
pub async fn crunch_numbers(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        // TODO: nothing in this loop awaits, so it keeps the thread until the very
        //       end and no other task runs meanwhile. The other tasks must get their
        //       turn after every chunk, and the crunching must not take any longer than
        //       its chunks do: no waits of its own.
    }
    total
}

/// Python's `asyncio.Runner`: one event loop, started once, for several `run` calls.
/// Tasks spawned during one `run` are still there in the next.
#[derive(Debug)]
pub struct Runner {
    // TODO: the event loop must outlive each `run`, so that what one run spawns is
    //       still there in the next.
}

impl Runner {
    /// Starts the event loop, like `asyncio.Runner()`.
    pub fn new() -> std::io::Result<Runner> {
        Ok(Runner {})
    }

    /// Runs `future` to its end on the runner's event loop and returns its output,
    /// like `runner.run(coro)`.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        // TODO: a new event loop for every call is `asyncio.run` for every call: it is
        //       gone when `run` returns, with every task spawned on it.
        let runtime = Runtime::new().expect("failed to start a tokio runtime");
        runtime.block_on(future)
    }
}
