//! grader: expect fail shutdown_delivers_what_was_already_sent "one `if let Ok(message) = inbox.try_recv()` takes one message"
//! `biased;` with the shutdown branch first, then one `if let Ok(..) = inbox.try_recv()`
//! to deliver "what is left": it delivers one waiting message, not all of them.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` or the client hangs up.
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = keep_alive_beat();
    loop {
        tokio::select! {
            biased;
            _ = &mut shutdown => {
                // Deliver what is left before going.
                if let Ok(message) = inbox.try_recv() {
                    mailbox::deliver(&message);
                }
                return;
            }
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => return,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
