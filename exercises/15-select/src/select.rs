//! # 15 · select: wait for whichever comes first, and lose nothing
//!
//! Python waits for "whichever comes first" with
//! `asyncio.wait({..}, return_when=FIRST_COMPLETED)`, or a loop around
//! `asyncio.wait_for(queue.get(), timeout)`. Tokio has `select!` (the chapter shows
//! it): it waits on several futures at once and drops the ones that lose. Dropping a
//! future cancels it, so whatever a loser had half done is gone.
//!
//! A chat session serves one connected user. It delivers each message the moment it
//! arrives (`mailbox::deliver`), pings the client every [`KEEP_ALIVE`] so the quiet
//! connection is not taken for a dead one (`mailbox::keep_alive`), and stops when it
//! is told to or when the client goes away.
//!
//! Run `grader check 15` to see how your code ran, and `grader hint 15` when stuck.
//! The chapter is `docs/src/15-select.md`.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader, DuplexStream};
use tokio::sync::{mpsc, oneshot};
use workbook::sim::mailbox;

/// How often the session pings the client: every second.
pub const KEEP_ALIVE: Duration = Duration::from_secs(1);

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`] (at 1 s, 2 s, 3 s…), until the server signals `shutdown` (messages
/// sent before the signal are delivered first) or the client hangs up (every sender
/// of `inbox` is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, shutdown: oneshot::Receiver<()>) {
    // TODO: this only ever waits for the next message: no ping goes out while it waits,
    //       and the shutdown signal is thrown away unread. Three things can happen at any
    //       moment (a message, a ping falling due, the shutdown) and each must be handled
    //       the instant it happens. Pings keep their beat (1 s, 2 s, 3 s…) however many
    //       messages come in between, and the function returns as soon as it is told to
    //       or the client hangs up.
    drop(shutdown);
    while let Some(message) = inbox.recv().await {
        mailbox::deliver(&message);
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one (without its
/// `\n`) as soon as its last byte has arrived, and pings the client every
/// [`KEEP_ALIVE`] meanwhile, until the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut reader = BufReader::new(connection);
    loop {
        // TODO: no ping goes out while this waits for a line, and a client may stay
        //       quiet for seconds. Ping on the beat while you wait, and deliver each line
        //       the moment its `\n` arrives, even when it came in pieces with pings in
        //       between: not a byte may be lost when the wait is interrupted.
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(()); // end of stream: the client closed the connection
        }
        mailbox::deliver(line.trim_end_matches('\n'));
    }
}
