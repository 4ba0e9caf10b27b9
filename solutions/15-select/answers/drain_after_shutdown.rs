//! grader: expect pass
//! Another correct answer: an unbiased `select!` that drains the inbox after the shutdown
//! (`close()`, then `recv()` until `None`), and one `read_line` future kept alive across
//! ticks (pinned, in an inner loop) for the connection.
//! grader: replaces items

use std::pin::pin;

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
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
    // Shutting down: no more sends, but what was already sent still goes out.
    inbox.close();
    while let Some(message) = inbox.recv().await {
        mailbox::deliver(&message);
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        let mut line = String::new();
        {
            // One read_line future for the whole line: a tick only pauses it, never drops it.
            let mut read = pin!(reader.read_line(&mut line));
            let read = loop {
                tokio::select! {
                    read = &mut read => break read?,
                    _ = keep_alive.tick() => mailbox::keep_alive(),
                }
            };
            if read == 0 {
                return Ok(());
            }
        }
        mailbox::deliver(line.trim_end_matches('\n'));
    }
}
