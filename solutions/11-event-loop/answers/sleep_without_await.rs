//! grader: expect compile-error "futures do nothing unless you `.await` or poll them"
//! Replaces the blocking call with `tokio::time::sleep(..)` but forgets the `.await`.
//! grader: replaces items

/// The same two tasks, with task 1 waiting its 5 s without holding the thread, so
/// task 2 runs meanwhile: 5 s in all.
pub async fn waiting_pair() {
    let task_one = async {
        say("Task 1", "Start");
        tokio::time::sleep(Duration::from_secs(5));
        say("Task 1", "End");
    };
    let task_two = async {
        say("Task 2", "Start");
        tokio::time::sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
}
