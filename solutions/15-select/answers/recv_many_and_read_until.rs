//! grader: expect pass
//! Another correct answer: the inbox read in batches with `recv_many` (each message still delivered the moment it arrives), and the connection read with `read_until(b'\n', &mut buf)`, whose buffer, kept outside the loop, holds a half-read line when a tick wins.
//! grader: replaces items

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = keep_alive_beat();
    let mut batch = Vec::new();
    loop {
        tokio::select! {
            biased;
            received = inbox.recv_many(&mut batch, 16) => {
                if received == 0 {
                    break;
                }
                for message in batch.drain(..) {
                    mailbox::deliver(&message);
                }
            }
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut keep_alive = keep_alive_beat();
    // Bytes of the line read so far: `read_until` appends to it, even when it loses a race.
    let mut buf = Vec::new();
    loop {
        tokio::select! {
            read = reader.read_until(b'\n', &mut buf) => {
                if read? == 0 {
                    return Ok(());
                }
                let line = String::from_utf8_lossy(&buf);
                mailbox::deliver(line.trim_end_matches(['\n', '\r']));
                buf.clear();
            }
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
