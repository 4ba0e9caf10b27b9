//! grader: expect fail lines_are_delivered_as_they_arrive "with its line ending"
//! grader: expect fail nothing_goes_out_after_the_session_returns "with its line ending"
//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "with its line ending"
//! Keeps one `read_line` future across ticks (right), but delivers the line with its
//! `\n`.
//! grader: based on drain_after_shutdown
//! grader: replaces `mailbox::deliver(line.trim_end_matches('\n'));` with `mailbox::deliver(&line);`
