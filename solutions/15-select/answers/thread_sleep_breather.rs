//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "The runtime was blocked"
//! grader: expect fail messages_are_delivered_as_they_arrive "The runtime was blocked"
//! grader: expect fail shutdown_delivers_what_was_already_sent "The runtime was blocked"
//! grader: expect fail hang_up_ends_the_session "The runtime was blocked"
//! grader: expect fail nothing_goes_out_after_the_session_returns "The runtime was blocked"
//! Takes a breather of 100 ms after each message with `std::thread::sleep`, like
//! `time.sleep(0.1)`: it blocks the runtime's only thread.
//! grader: replaces `mailbox::deliver(&message),` with `{ mailbox::deliver(&message); std::thread::sleep(Duration::from_millis(100)); }`
