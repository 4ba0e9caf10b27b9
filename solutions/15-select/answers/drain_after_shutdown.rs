//! grader: expect pass
//! Another correct answer: an unbiased `select!` that drains the inbox after the shutdown
//! (`close()`, then `recv()` until `None`), and one `read_line` future kept alive across
//! ticks (pinned, in an inner loop) for the connection.
//! grader: based on drain_with_try_recv
//! grader: replaces `while let Ok(message) = inbox.try_recv() {` with `inbox.close(); while let Some(message) = inbox.recv().await {`

use std::pin::pin;

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut keep_alive = keep_alive_beat();
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
