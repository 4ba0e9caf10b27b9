//! Chapter 11 · The event loop: tasks take turns on one thread.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::sleep;
use workbook::sim::tasks::{self, say};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch11::one_after_another", || Picture::of(one_after_another())),
    ("ch11::crunch_without_yield", || Picture::of(beside_a_heartbeat(crunch_without_yield(6)))),
];

// ANCHOR: task_one
async fn task_one() {
    say("Task 1", "Start");
    sleep(Duration::from_secs(1)).await;
    say("Task 1", "Resumed after 1 second");
    sleep(Duration::from_secs(2)).await;
    say("Task 1", "Done");
}
// ANCHOR_END: task_one

async fn task_two() {
    say("Task 2", "Start");
    sleep(Duration::from_secs(2)).await;
    say("Task 2", "Resumed after 2 seconds");
    say("Task 2", "Done");
}

async fn task_three() {
    say("Task 3", "Start");
    for what in ["Resumed after 0.5 seconds", "Done"] {
        sleep(Duration::from_millis(500)).await;
        say("Task 3", what);
    }
}

/// The three tasks together, like `asyncio.gather`: 3 s.
pub async fn together() {
    // ANCHOR: together
    tokio::join!(task_one(), task_two(), task_three());
    // ANCHOR_END: together
}

/// The three tasks one after another: 3 s + 2 s + 1 s.
pub async fn one_after_another() {
    // ANCHOR: one_after_another
    task_one().await; // 0 s to 3 s
    task_two().await; // 3 s to 5 s
    task_three().await; // 5 s to 6 s
    // ANCHOR_END: one_after_another
}

/// The three as spawned tasks, their handles awaited: the same table as `join!`.
pub async fn spawned() {
    // ANCHOR: spawned
    let handles = [tokio::spawn(task_one()), tokio::spawn(task_two()), tokio::spawn(task_three())];
    for handle in handles {
        handle.await.expect("a task panicked");
    }
    // ANCHOR_END: spawned
}

/// The notes' blocking example: task 1 holds the thread for 5 s, so task 2 starts at
/// 5 s and the pair takes 7 s.
pub async fn blocking_pair() {
    // ANCHOR: blocking_pair
    let task_one = async {
        say("Task 1", "Start");
        tasks::block_thread(Duration::from_secs(5)); // std::thread::sleep, in virtual time
        say("Task 1", "End");
    };
    let task_two = async {
        say("Task 2", "Start");
        sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
    // ANCHOR_END: blocking_pair
}

/// The same pair, task 1 waiting on a timer: 5 s.
pub async fn waiting_pair() {
    let task_one = async {
        // ANCHOR: waiting
        say("Task 1", "Start");
        sleep(Duration::from_secs(5)).await; // a timer, and the thread is free
        say("Task 1", "End");
        // ANCHOR_END: waiting
    };
    let task_two = async {
        say("Task 2", "Start");
        sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
}

/// How often the heartbeat beside the crunching should beat.
pub const BEAT: Duration = Duration::from_millis(500);

/// `work` and a heartbeat as two tasks on one event loop, the way the exercise's
/// check runs them; one more turn of the loop at the end shows a beat that is overdue.
pub async fn beside_a_heartbeat<F>(work: F) -> u64
where
    F: Future<Output = u64> + Send + 'static,
{
    let heartbeat = tokio::spawn(tasks::heartbeat(BEAT));
    let total = tokio::spawn(work).await.expect("the work panicked");
    tokio::task::yield_now().await;
    heartbeat.abort();
    total
}

/// A CPU loop that never awaits: it keeps the thread for all its chunks.
pub async fn crunch_without_yield(chunks: u64) -> u64 {
    // ANCHOR: without_yield
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk); // 250 ms of CPU work, no `.await` anywhere
    }
    total
    // ANCHOR_END: without_yield
}

/// The same loop, handing the thread back between chunks.
pub async fn crunch_yielding(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        // ANCHOR: yield_now
        tokio::task::yield_now().await; // back to the event loop for a moment
        // ANCHOR_END: yield_now
    }
    total
}

/// Python's `await asyncio.sleep(0)`, translated word for word: it yields too.
pub async fn crunch_sleeping_zero(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        sleep(Duration::ZERO).await;
    }
    total
}

/// A real sleep between chunks: the others run, but each sleep costs its time.
pub async fn crunch_sleeping_1ms(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        sleep(Duration::from_millis(1)).await;
    }
    total
}

/// `consume_budget` between chunks: it yields only once the task's budget is used up.
pub async fn crunch_consuming_budget(chunks: u64) -> u64 {
    let mut total = 0;
    for chunk in 1..=chunks {
        total += tasks::crunch(chunk);
        tokio::task::consume_budget().await;
    }
    total
}

// ---------------------------------------------------------------------------------
// One event loop, many runs.

/// A task that counts the questions it is asked: something one run sets up and the
/// next one uses, like a connection pool or a client session.
pub type Counter = mpsc::UnboundedSender<oneshot::Sender<u32>>;

/// Spawns the counter task on the runtime that runs this future.
pub async fn start_counter() -> Counter {
    let (questions, mut incoming) = mpsc::unbounded_channel::<oneshot::Sender<u32>>();
    tokio::spawn(async move {
        let mut asked = 0;
        while let Some(reply) = incoming.recv().await {
            asked += 1;
            let _ = reply.send(asked);
        }
    });
    questions
}

/// Asks the counter how many questions it has had; `None` if its task is gone.
pub async fn ask(counter: &Counter) -> Option<u32> {
    let (reply, answer) = oneshot::channel();
    counter.send(reply).ok()?;
    answer.await.ok()
}

/// One runtime, two `block_on` calls: `asyncio.Runner`.
pub fn one_runtime() -> std::io::Result<(Option<u32>, Option<u32>)> {
    // ANCHOR: one_runtime
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let counter = runtime.block_on(start_counter()); // spawns a task on `runtime`
    let first = runtime.block_on(ask(&counter)); // Some(1)
    let second = runtime.block_on(ask(&counter)); // Some(2): the same task answers
    // ANCHOR_END: one_runtime
    Ok((first, second))
}

/// A runtime per call: `asyncio.run` twice.
pub fn runtime_per_call() -> std::io::Result<Option<u32>> {
    let new_runtime = || tokio::runtime::Builder::new_current_thread().enable_all().build();
    // ANCHOR: runtime_per_call
    let counter = new_runtime()?.block_on(start_counter()); // that runtime is dropped at the `;`
    let answer = new_runtime()?.block_on(ask(&counter)); // None: the counter's task is gone
    // ANCHOR_END: runtime_per_call
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assert_times;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use workbook::trace::Trace;
    use workbook::{millis, run, secs};

    /// The notes' Time | Event table: three tasks, done after 3 s.
    const NOTES_TABLE: &[(&str, &str, Duration)] = &[
        ("Task 1", "Start", Duration::ZERO),
        ("Task 2", "Start", Duration::ZERO),
        ("Task 3", "Start", Duration::ZERO),
        ("Task 3", "Resumed", millis(500)),
        ("Task 1", "Resumed", secs(1)),
        ("Task 3", "Done", secs(1)),
        ("Task 2", "Done", secs(2)),
        ("Task 1", "Done", secs(3)),
    ];

    #[test]
    fn joined_tasks_give_the_notes_table() {
        assert_times(&run(together()), secs(3), NOTES_TABLE);
    }

    #[test]
    fn spawned_tasks_give_the_same_table() {
        assert_times(&run(spawned()), secs(3), NOTES_TABLE);
    }

    #[test]
    fn one_after_another_takes_six_seconds() {
        assert_times(&run(one_after_another()), secs(6), &[("Task 2", "Start", secs(3)), ("Task 3", "Start", secs(5))]);
    }

    #[test]
    fn a_blocking_call_holds_up_the_other_task() {
        assert_times(&run(blocking_pair()), secs(7), &[("Task 2", "Start", secs(5)), ("Task 2", "Done", secs(7))]);
    }

    #[test]
    fn waiting_on_a_timer_lets_the_other_task_run() {
        let run = run(waiting_pair());
        run.assert_not_blocked();
        assert_times(&run, secs(5), &[("Task 2", "Done", secs(2))]);
    }

    fn beats(trace: &Trace) -> Vec<(Duration, String)> {
        trace.of("heartbeat").map(|e| (e.at, e.what.clone())).collect()
    }

    #[test]
    fn a_loop_without_await_starves_the_heartbeat() {
        let run = run(beside_a_heartbeat(crunch_without_yield(6)));
        assert_eq!(run.virtual_elapsed, millis(1500));
        assert_eq!(beats(&run.trace), [(Duration::ZERO, "beat".into()), (millis(1500), "beat, 1.000s late".into())]);
    }

    fn on_time(run: &workbook::Run<u64>) {
        let expected: Vec<(Duration, String)> = [0, 500, 1000, 1500].map(|ms| (millis(ms), "beat".into())).into();
        assert_eq!(beats(&run.trace), expected, "{}", run.trace.table());
    }

    #[test]
    fn yielding_between_chunks_keeps_the_heartbeat_on_time() {
        let run = run(beside_a_heartbeat(crunch_yielding(6)));
        assert_eq!(run.virtual_elapsed, millis(1500));
        assert_eq!(run.value, (1..=6000u64).map(|n| n * n).sum::<u64>());
        on_time(&run);
    }

    #[test]
    fn sleeping_zero_yields_as_well() {
        let run = run(beside_a_heartbeat(crunch_sleeping_zero(6)));
        assert_eq!(run.virtual_elapsed, millis(1500));
        on_time(&run);
    }

    #[test]
    fn a_real_sleep_between_chunks_adds_up() {
        let run = run(beside_a_heartbeat(crunch_sleeping_1ms(6)));
        assert_eq!(run.virtual_elapsed, millis(1506));
    }

    #[test]
    fn consume_budget_does_not_yield_in_six_chunks() {
        let run = run(beside_a_heartbeat(crunch_consuming_budget(6)));
        assert_eq!(beats(&run.trace).len(), 2, "{}", run.trace.table());
    }

    #[test]
    fn one_runtime_keeps_its_tasks_between_runs() {
        assert_eq!(one_runtime().unwrap(), (Some(1), Some(2)));
    }

    #[test]
    fn a_runtime_per_call_loses_its_tasks() {
        assert_eq!(runtime_per_call().unwrap(), None);
    }

    #[test]
    fn a_current_thread_runtime_runs_nothing_between_block_on_calls() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        // Spawned, but `block_on` returns before its future ever waits: the task hasn't run.
        runtime.block_on(async move {
            tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
        });
        assert!(!ran.load(Ordering::SeqCst));
        runtime.block_on(tokio::task::yield_now());
        assert!(ran.load(Ordering::SeqCst), "the task carries on in the next block_on");
    }
}
