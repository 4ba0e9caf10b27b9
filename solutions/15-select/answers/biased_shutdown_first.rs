//! grader: expect fail shutdown_delivers_what_was_already_sent "with the shutdown first"
//! Writes `biased;` with the shutdown branch first: the messages waiting in the inbox
//! when the shutdown comes are never delivered.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = keep_alive_beat();
    loop {
        tokio::select! {
            biased;
            _ = &mut shutdown => break,
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
