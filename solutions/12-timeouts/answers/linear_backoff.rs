//! grader: expect fail gives_up_after_four_attempts "they should be 100 ms, 200 ms, 400 ms"
//! grader: expect fail stuck_attempts_are_cut_off_wherever_they_come "they should be 100 ms, 200 ms, 400 ms"
//! Grows the pause by 100 ms each time (100, 200, 300 ms) instead of doubling it.
//! grader: replaces `backoff *= 2;` with `backoff += FIRST_BACKOFF;`
