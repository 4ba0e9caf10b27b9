//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "`read_line` is not cancel safe"
//! Calls `read_line` with a new String as a `select!` branch: when the tick wins in the
//! middle of a line, the part already read is lost.
//! grader: replaces items

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut keep_alive = keep_alive_beat();
    loop {
        let mut line = String::new();
        tokio::select! {
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    return Ok(());
                }
                mailbox::deliver(line.trim_end_matches('\n'));
            }
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
