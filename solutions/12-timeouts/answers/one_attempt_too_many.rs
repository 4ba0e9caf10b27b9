//! grader: expect fail gives_up_after_four_attempts "`0..=MAX_ATTEMPTS` runs 5"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "`0..=MAX_ATTEMPTS` runs 5"
//! Counts the retries instead of the attempts: `0..=MAX_ATTEMPTS` makes five calls.
//! grader: based on one_attempt_too_few
//! grader: replaces `for attempt in 1..MAX_ATTEMPTS {` with `for attempt in 0..=MAX_ATTEMPTS {`
//! grader: replaces `if attempt > 1 {` with `if attempt > 0 {`
//! grader: replaces `attempts: MAX_ATTEMPTS - 1,` with `attempts: MAX_ATTEMPTS + 1,`
