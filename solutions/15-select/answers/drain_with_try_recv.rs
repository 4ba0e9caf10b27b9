//! grader: expect pass
//! Another correct answer: an unbiased `select!`, and after the shutdown the inbox drained with `try_recv()` until it is empty (the messages sent before the signal are already in it).
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = keep_alive_beat();
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => return,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
    while let Ok(message) = inbox.try_recv() {
        mailbox::deliver(&message);
    }
}
