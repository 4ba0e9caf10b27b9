//! grader: expect fail lines_are_delivered_as_they_arrive "made inside the loop is thrown away"
//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "the beginning of the line was lost"
//! Makes a new `BufReader` (and its `lines()`) each time round the loop: the bytes it had
//! buffered beyond the first line are thrown away with it.
//! grader: replaces items

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(mut connection: DuplexStream) -> io::Result<()> {
    let mut keep_alive = keep_alive_beat();
    loop {
        let mut lines = BufReader::new(&mut connection).lines();
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => mailbox::deliver(&line),
                None => return Ok(()),
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
