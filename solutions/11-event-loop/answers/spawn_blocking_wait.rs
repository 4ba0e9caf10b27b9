//! grader: expect fail waiting_lets_the_other_task_run "spawn_blocking"
//! Moves task 1's blocking wait to the blocking pool: task 2 runs meanwhile, but a
//! thread is held for nothing, where `tokio::time::sleep` holds none.
//! grader: replaces `tokio::time::sleep(Duration::from_secs(5)).await;` with `tokio::task::spawn_blocking(|| tasks::block_thread(Duration::from_secs(5))).await.unwrap();`
