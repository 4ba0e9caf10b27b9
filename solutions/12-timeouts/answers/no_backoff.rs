//! grader: expect fail retries_after_failures_with_backoff "There was no pause between attempts"
//! grader: expect fail gives_up_after_four_attempts "There was no pause between attempts"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "There was no pause between attempts"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "There was no pause between attempts"
//! Retries at once: every attempt goes out the instant the one before it failed.
//! grader: replaces `sleep(backoff).await;` with ``
