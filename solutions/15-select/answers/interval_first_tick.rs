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

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = interval(KEEP_ALIVE);
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut lines = BufReader::new(connection).lines();
    let mut keep_alive = interval(KEEP_ALIVE);
    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => mailbox::deliver(&line),
                None => return Ok(()),
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
