//! grader: expect fail messages_are_delivered_as_they_arrive "an interval `reset()` whenever a message comes"
//! grader: expect fail shutdown_delivers_what_was_already_sent "an interval `reset()` whenever a message comes"
//! grader: expect fail nothing_goes_out_after_the_session_returns "an interval `reset()` whenever a message comes"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "Your session sent no keep-alive ping at all"
//! grader: expect fail hang_up_ends_the_session "Your session sent no keep-alive ping at all"
//! Resets the keep-alive interval whenever a message arrives (a busy connection needs no ping): the pings are no longer on the beat.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => match message {
                Some(message) => {
                    mailbox::deliver(&message);
                    // Traffic proves the connection is alive: the next ping can wait.
                    keep_alive.reset();
                }
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}
