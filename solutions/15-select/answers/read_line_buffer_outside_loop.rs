//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "keeping the String outside the loop does not save them"
//! Keeps the String outside the loop, hoping the half-read line stays in it: `read_line`
//! is still not cancel safe (it holds the bytes itself, and empties the String it was
//! given).
//! grader: replaces items

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut keep_alive = keep_alive_beat();
    let mut line = String::new();
    loop {
        tokio::select! {
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    return Ok(());
                }
                mailbox::deliver(line.trim_end_matches('\n'));
                line.clear();
            }
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
