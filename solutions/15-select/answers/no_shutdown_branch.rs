//! grader: expect fail messages_are_delivered_as_they_arrive "Nothing in your loop waits for the shutdown signal"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "Nothing in your loop waits for the shutdown signal"
//! grader: expect fail shutdown_delivers_what_was_already_sent "Nothing in your loop waits for the shutdown signal"
//! grader: expect fail nothing_goes_out_after_the_session_returns "Nothing in your loop waits for the shutdown signal"
//! Has no branch for the shutdown signal: the session carries on after it.
//! grader: replaces `_ = &mut shutdown => break,` with ``
