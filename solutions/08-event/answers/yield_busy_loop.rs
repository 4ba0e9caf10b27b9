//! grader: expect fail runners_wait_for_the_gun "That is a busy loop"
//! grader: expect fail late_runners_start_at_once "That is a busy loop"
//! grader: expect fail second_gun_is_harmless "That is a busy loop"
//! `wait()` checks the flag and yields, again and again: the task is always ready, so
//! virtual time can't move on and the gun can't fire.
//! grader: based on sleep_poll
//! grader: replaces `tokio::time::sleep(Duration::from_millis(100)).await;` with `tokio::task::yield_now().await;`
