//! grader: expect fail messages_are_delivered_as_they_arrive "ticks for the first time at once"
//! grader: expect fail lines_are_delivered_as_they_arrive "ticks for the first time at once"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "ticks for the first time at once"
//! grader: expect fail hang_up_ends_the_session "ticks for the first time at once"
//! grader: expect fail shutdown_delivers_what_was_already_sent "ticks for the first time at once"
//! grader: expect fail nothing_goes_out_after_the_session_returns "ticks for the first time at once"
//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "ticks for the first time at once"
//! Uses `interval(KEEP_ALIVE)`, whose first tick completes at once: a ping at 0 s.
//! grader: replaces items

use tokio::time::interval;

fn keep_alive_beat() -> Interval {
    interval(KEEP_ALIVE)
}
