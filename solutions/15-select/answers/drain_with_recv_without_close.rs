//! grader: expect fail messages_are_delivered_as_they_arrive "and your session stopped pinging then, but it never returned"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "and your session stopped pinging then, but it never returned"
//! grader: expect fail shutdown_delivers_what_was_already_sent "and your session stopped pinging then, but it never returned"
//! grader: expect fail nothing_goes_out_after_the_session_returns "and your session stopped pinging then, but it never returned"
//! An unbiased `select!` that, after the shutdown, drains the inbox with
//! `while let Some(message) = inbox.recv().await` but never calls `inbox.close()`: the
//! server still holds a sender, so once the inbox is empty `recv()` waits for a message
//! that never comes, and the session never returns.
//! grader: based on drain_with_try_recv
//! grader: replaces `while let Ok(message) = inbox.try_recv() {` with `while let Some(message) = inbox.recv().await {`
