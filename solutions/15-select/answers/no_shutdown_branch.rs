//! grader: expect fail messages_are_delivered_as_they_arrive "Nothing in your loop waits for the shutdown signal"
//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "Nothing in your loop waits for the shutdown signal"
//! grader: expect fail shutdown_delivers_what_was_already_sent "Nothing in your loop waits for the shutdown signal"
//! grader: expect fail nothing_goes_out_after_the_session_returns "Nothing in your loop waits for the shutdown signal"
//! Has no branch for the shutdown signal: the session carries on after it.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, shutdown: oneshot::Receiver<()>) {
    drop(shutdown);
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
