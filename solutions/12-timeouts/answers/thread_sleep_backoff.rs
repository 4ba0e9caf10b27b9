//! grader: expect fail retries_after_failures_with_backoff "The runtime was blocked"
//! grader: expect fail gives_up_after_four_attempts "The runtime was blocked"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "The runtime was blocked"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "The runtime was blocked"
//! Pauses between attempts with `std::thread::sleep`: the runtime's thread is held, and no timer can fire.
//! grader: replaces `sleep(backoff).await;` with `std::thread::sleep(backoff);`
