//! grader: expect fail messages_are_delivered_as_they_arrive "an interval `reset()` whenever a message comes"
//! grader: expect fail shutdown_delivers_what_was_already_sent "an interval `reset()` whenever a message comes"
//! grader: expect fail nothing_goes_out_after_the_session_returns "an interval `reset()` whenever a message comes"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "Your session sent no keep-alive ping at all"
//! grader: expect fail hang_up_ends_the_session "Your session sent no keep-alive ping at all"
//! Resets the keep-alive interval whenever a message arrives (a busy connection needs no ping): the pings are no longer on the beat.
//! grader: replaces `mailbox::deliver(&message),` with `{ mailbox::deliver(&message); keep_alive.reset(); }`
