//! grader: expect fail quick_answer_comes_straight_back "a limit other than the `limit` given"
//! grader: expect fail service_error_is_not_a_timeout "a limit other than the `limit` given"
//! grader: expect fail slow_call_is_cut_off_at_the_limit "returned TimedOut at 0.150s; with a limit of 2 s it should give up at exactly 2.000s"
//! grader: expect fail retries_after_failures_with_backoff "was cut off after 150 ms: each attempt may take ATTEMPT_LIMIT (1 s)"
//! grader: expect fail stuck_attempt_is_cut_off_and_retried "was cut off after 150 ms: each attempt may take ATTEMPT_LIMIT (1 s)"
//! grader: expect fail gives_up_after_four_attempts "was cut off after 150 ms: each attempt may take ATTEMPT_LIMIT (1 s)"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "was cut off after 150 ms: each attempt may take ATTEMPT_LIMIT (1 s)"
//! grader: expect fail deadline_is_the_limit_given "returned TimedOut at 0.150s; the service takes 5 s, so it should give up at exactly 1.337s"
//! Times out after a hard-coded 150 ms instead of the `limit` it is given: shorter than the service's 200 ms.
//! grader: replaces `service: &str, limit: Duration)` with `service: &str, _limit: Duration)`
//! grader: replaces `timeout(limit, flaky::call(service))` with `timeout(Duration::from_millis(150), flaky::call(service))`
