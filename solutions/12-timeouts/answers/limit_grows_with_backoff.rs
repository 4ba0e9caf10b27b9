//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "was cut off after 2 s"
//! Doubles the attempt limit along with the pause, to give a slow service more time: each retry may take longer than ATTEMPT_LIMIT.
//! grader: replaces `with_deadline(service, ATTEMPT_LIMIT)` with `with_deadline(service, ATTEMPT_LIMIT * 2u32.pow(attempt - 1))`
