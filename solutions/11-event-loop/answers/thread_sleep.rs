//! grader: expect fail waiting_lets_the_other_task_run "The runtime was blocked"
//! Replaces the simulated blocking call with a real one, `std::thread::sleep`: it holds
//! the runtime's thread for 5 s of real time.
//! grader: replaces `tokio::time::sleep(Duration::from_secs(5)).await;` with `std::thread::sleep(Duration::from_secs(5));`
