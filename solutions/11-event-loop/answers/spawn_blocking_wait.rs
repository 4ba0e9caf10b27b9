//! grader: expect fail waiting_lets_the_other_task_run "spawn_blocking"
//! Moves task 1's blocking wait to the blocking pool: task 2 runs meanwhile, but a
//! thread is held for nothing, where `tokio::time::sleep` holds none.
//! grader: replaces items

/// The same two tasks, with task 1 waiting its 5 s without holding the thread, so
/// task 2 runs meanwhile: 5 s in all.
pub async fn waiting_pair() {
    let task_one = async {
        say("Task 1", "Start");
        tokio::task::spawn_blocking(|| tasks::block_thread(Duration::from_secs(5))).await.unwrap();
        say("Task 1", "End");
    };
    let task_two = async {
        say("Task 2", "Start");
        tokio::time::sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
}
