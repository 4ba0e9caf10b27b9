//! grader: expect fail deadline_is_the_limit_given "returned TimedOut at 2.000s"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "was cut off after 2 s: each attempt may take ATTEMPT_LIMIT (1 s)"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "was cut off after 2 s: each attempt may take ATTEMPT_LIMIT (1 s)"
//! Times out after the 2 s of the task's example instead of the `limit` it is given.
//! grader: replaces `service: &str, limit: Duration)` with `service: &str, _limit: Duration)`
//! grader: replaces `timeout(limit, flaky::call(service))` with `timeout(Duration::from_secs(2), flaky::call(service))`
