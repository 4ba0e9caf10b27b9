//! grader: expect fail lines_are_delivered_as_they_arrive "with its line ending"
//! grader: expect fail nothing_goes_out_after_the_session_returns "with its line ending"
//! grader: expect fail a_line_cut_by_a_keep_alive_arrives_whole "with its line ending"
//! Keeps one `read_line` future across ticks (right), but delivers the line with its
//! `\n`.

use std::io;
use std::pin::pin;
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
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        let mut line = String::new();
        {
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
        mailbox::deliver(&line);
    }
}
