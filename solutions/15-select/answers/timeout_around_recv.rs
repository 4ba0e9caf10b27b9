//! grader: expect fail keep_alive_keeps_the_beat_through_a_busy_inbox "no keep-alive ping at all"
//! grader: expect fail messages_are_delivered_as_they_arrive "a `tokio::time::timeout(KEEP_ALIVE, ..)` around each wait"
//! grader: expect fail hang_up_ends_the_session "no keep-alive ping at all"
//! grader: expect fail nothing_goes_out_after_the_session_returns "a `tokio::time::timeout(KEEP_ALIVE, ..)` around each wait"
//! grader: expect fail shutdown_delivers_what_was_already_sent ""platform 4", "see you soon" lost"
//! No `select!` for the inbox: the Python `wait_for(queue.get(), 1)` loop, `timeout(KEEP_ALIVE, inbox.recv())`, pinging when it times out; the shutdown is a `try_recv` after each wait.

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
    loop {
        match tokio::time::timeout(KEEP_ALIVE, inbox.recv()).await {
            Ok(Some(message)) => mailbox::deliver(&message),
            Ok(None) => break,
            Err(_) => mailbox::keep_alive(),
        }
        if shutdown.try_recv().is_ok() {
            break;
        }
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    // `Lines` keeps a half-read line inside itself, so `next_line()` is cancel safe: when
    // the tick wins the select!, the bytes read so far wait there for the rest.
    let mut lines = BufReader::new(connection).lines();
    let mut keep_alive = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => mailbox::deliver(&line),
                // End of stream: the client closed the connection.
                None => return Ok(()),
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
