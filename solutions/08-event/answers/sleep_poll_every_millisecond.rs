//! grader: expect fail runners_wait_for_the_gun "checks a flag on a very short timer"
//! grader: expect fail late_runners_start_at_once "was woken 1000 times"
//! grader: expect fail second_gun_is_harmless "checks a flag on a very short timer"
//! `wait()` looks at the flag every millisecond: the runners are woken a thousand times
//! a second for nothing.
//! grader: based on sleep_poll
//! grader: replaces `Duration::from_millis(100)` with `Duration::from_millis(1)`
