//! grader: expect fail hang_up_ends_the_session "returns `None` at once, every time"
//! Ignores the `None` that `recv()` returns once the client has hung up: that branch is
//! then always ready, and the loop spins.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = keep_alive_beat();
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => {
                if let Some(message) = message {
                    mailbox::deliver(&message);
                }
            }
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}
