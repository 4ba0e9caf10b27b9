//! grader: expect fail hang_up_ends_the_session "it noticed only when something else woke it up"
//! Looks for the hang-up with `inbox.is_closed()` at the top of the loop, and writes the branch as `Some(message) = inbox.recv()`: after the hang-up, the session waits for the next tick before it sees it.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = keep_alive_beat();
    while !inbox.is_closed() {
        tokio::select! {
            biased;
            Some(message) = inbox.recv() => mailbox::deliver(&message),
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}
