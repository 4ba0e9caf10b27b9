//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "or a `timeout(..)` around the read ran out and dropped it"
//! grader: expect fail lines_are_delivered_as_they_arrive "your timer starts over every time a line arrives"
//! grader: expect fail nothing_goes_out_after_the_session_returns "Your session sent no keep-alive ping at all"
//! The Python `wait_for(reader.readline(), 1)` loop: `timeout(KEEP_ALIVE, read_line(..))`
//! with the String kept outside the loop, pinging when the wait times out. The timeout
//! drops `read_line` half way through a line, and its bytes with it; and the beat
//! restarts with every line.
//! grader: replaces items

/// Reads newline-delimited lines from `connection` and pings the client meanwhile.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut line = String::new();
    loop {
        match tokio::time::timeout(KEEP_ALIVE, reader.read_line(&mut line)).await {
            Ok(read) => {
                if read? == 0 {
                    return Ok(());
                }
                mailbox::deliver(line.trim_end_matches('\n'));
                line.clear();
            }
            Err(_elapsed) => mailbox::keep_alive(),
        }
    }
}
