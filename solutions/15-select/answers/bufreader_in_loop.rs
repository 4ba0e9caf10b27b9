//! grader: expect fail lines_are_delivered_as_they_arrive "made inside the loop is thrown away"
//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "the beginning of the line was lost"
//! Makes a new `BufReader` (and its `lines()`) each time round the loop: the bytes it had
//! buffered beyond the first line are thrown away with it.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader, DuplexStream};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, interval_at};
use workbook::sim::mailbox;

/// How often the session pings the client: every second.
pub const KEEP_ALIVE: Duration = Duration::from_secs(1);

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
            _ = &mut shutdown => break,
        }
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(mut connection: DuplexStream) -> io::Result<()> {
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
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
