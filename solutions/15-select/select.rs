//! # 15 · select: wait for whichever comes first, and lose nothing
//!
//! Reference solution.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader, DuplexStream};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, Interval, interval_at};
use workbook::sim::mailbox;

/// How often the session pings the client: every second.
pub const KEEP_ALIVE: Duration = Duration::from_secs(1);

/// The keep-alive beat: ticks at 1 s, 2 s, 3 s… from now. `interval_at` starts one
/// period from now; `interval`'s first tick would be at once, a ping at 0 s.
fn keep_alive_beat() -> Interval {
    interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE)
}

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    // Made once, before the loop: its ticks stay on the second however often a message
    // comes.
    let mut keep_alive = keep_alive_beat();
    loop {
        tokio::select! {
            // Branches are tried in order: messages that are already in the inbox go out
            // before a shutdown that arrives with them.
            biased;
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                // Every sender is gone: no message can come any more.
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
            // `&mut`: the same receiver is polled again each time round the loop.
            _ = &mut shutdown => break,
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
    let mut keep_alive = keep_alive_beat();
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
