//! grader: expect fail three_tasks_run_together "not each once the one before it was done"
//! grader: expect fail event_table_matches_the_notes "`Task 2 • Start` and `Task 3 • Start`; yours has them at 0.100s and at 0.200s"
//! Staggers the starts with a sleep before tasks 2 and 3 ("give task 1 a head start"), inside one `join!`.
use std::future::Future;
use std::time::Duration;

use tokio::runtime::{Builder, Runtime};
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
    tokio::join!(
        task_one(),
        async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            task_two().await
        },
        async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            task_three().await
        },
    );
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
        tokio::time::sleep(Duration::from_secs(5)).await;
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
        // Back to the event loop for a moment: due timers fire, ready tasks run.
        tokio::task::yield_now().await;
    }
    total
}

/// Python's `asyncio.Runner`: one event loop, started once, for several `run` calls.
/// Tasks spawned during one `run` are still there in the next.
#[derive(Debug)]
pub struct Runner {
    runtime: Runtime,
}

impl Runner {
    /// Starts the event loop, like `asyncio.Runner()`.
    pub fn new() -> std::io::Result<Runner> {
        let runtime = Builder::new_current_thread().enable_all().build()?;
        Ok(Runner { runtime })
    }

    /// Runs `future` to its end on the runner's event loop and returns its output,
    /// like `runner.run(coro)`.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}
