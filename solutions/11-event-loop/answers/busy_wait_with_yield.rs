//! grader: expect fail waiting_lets_the_other_task_run "The runtime never became idle"
//! Task 1 waits its 5 s in a loop that yields until the clock says the time is up, like `while time.monotonic() < end: await asyncio.sleep(0)`: it never holds the thread for long, but it never lets the runtime rest either.
//! grader: replaces items

/// Task 1 waits by yielding until its 5 s are up.
pub async fn waiting_pair() {
    let task_one = async {
        say("Task 1", "Start");
        let end = tokio::time::Instant::now() + Duration::from_secs(5);
        while tokio::time::Instant::now() < end {
            tokio::task::yield_now().await;
        }
        say("Task 1", "End");
    };
    let task_two = async {
        say("Task 2", "Start");
        tokio::time::sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
}
