//! grader: expect pass
//! Another correct answer: a `sleep_until(next_ping)` made each time round the loop,
//! always until the same deadline, which moves on only when it fires; and
//! `read_until(b'\n', &mut buf)` with a buffer kept outside the loop (it appends what it
//! read to `buf`, so a cancelled call loses nothing).
//! grader: replaces items

use tokio::time::sleep_until;

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut next_ping = Instant::now() + KEEP_ALIVE;
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            // A new sleep each time round, but always until the same deadline.
            () = sleep_until(next_ping) => {
                mailbox::keep_alive();
                next_ping += KEEP_ALIVE;
            }
            _ = &mut shutdown => break,
        }
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut next_ping = Instant::now() + KEEP_ALIVE;
    let mut buf = Vec::new();
    loop {
        tokio::select! {
            read = reader.read_until(b'\n', &mut buf) => {
                let at_end = read? == 0;
                if !buf.is_empty() {
                    let line = String::from_utf8(std::mem::take(&mut buf)).map_err(io::Error::other)?;
                    mailbox::deliver(line.trim_end_matches('\n'));
                }
                if at_end {
                    return Ok(());
                }
            }
            () = sleep_until(next_ping) => {
                mailbox::keep_alive();
                next_ping += KEEP_ALIVE;
            }
        }
    }
}
