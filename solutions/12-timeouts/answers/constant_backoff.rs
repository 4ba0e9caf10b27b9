//! grader: expect fail retries_after_failures_with_backoff "always the same"
//! grader: expect fail gives_up_after_four_attempts "always the same"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "always the same"
//! Pauses 100 ms between every two attempts: backoff, but not exponential.
//! grader: replaces `let mut backoff = FIRST_BACKOFF;` with `let backoff = FIRST_BACKOFF;`
//! grader: replaces `backoff *= 2;` with ``
