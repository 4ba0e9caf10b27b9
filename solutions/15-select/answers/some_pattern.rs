//! grader: expect fail hang_up_ends_the_session "is disabled when the value doesn't match"
//! grader: expect fail lines_are_delivered_as_they_arrive "is disabled when the value doesn't match"
//! grader: expect fail nothing_goes_out_after_the_session_returns "is disabled when the value doesn't match"
//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "is disabled when the value doesn't match"
//! Writes the branches as `Some(message) = inbox.recv()` and `Ok(Some(line)) =
//! lines.next_line()`: at the end, the pattern doesn't match, `select!` disables the
//! branch and waits for the ticks forever.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = keep_alive_beat();
    loop {
        tokio::select! {
            biased;
            Some(message) = inbox.recv() => mailbox::deliver(&message),
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
    let mut keep_alive = keep_alive_beat();
    loop {
        tokio::select! {
            Ok(Some(line)) = lines.next_line() => mailbox::deliver(&line),
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
