//! grader: expect fail waiting_lets_the_other_task_run "The runtime was blocked"
//! Replaces the simulated blocking call with a real one, `std::thread::sleep`: it holds
//! the runtime's thread for 5 s of real time.
//! grader: replaces items

/// The same two tasks, with task 1 waiting its 5 s without holding the thread, so
/// task 2 runs meanwhile: 5 s in all.
pub async fn waiting_pair() {
    let task_one = async {
        say("Task 1", "Start");
        std::thread::sleep(Duration::from_secs(5));
        say("Task 1", "End");
    };
    let task_two = async {
        say("Task 2", "Start");
        tokio::time::sleep(Duration::from_secs(2)).await;
        say("Task 2", "Done");
    };
    tokio::join!(task_one, task_two);
}
