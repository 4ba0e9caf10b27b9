//! grader: expect pass
//! Another correct answer: `futures::select_biased!` with fused futures, the beat from
//! `interval(..)` whose immediate first tick is skipped with `reset()`, the tick branch
//! first; and the connection read with `timeout_at(next ping, lines.next_line())`
//! (`next_line` is cancel safe, so a timeout in the middle of a line loses nothing).
//! grader: replaces items

use futures::FutureExt;
use tokio::time::{Instant, interval, timeout_at};

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` or the client hangs up.
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut keep_alive = interval(KEEP_ALIVE);
    // The first tick would be at once: start the beat one period from now.
    keep_alive.reset();
    loop {
        futures::select_biased! {
            _ = keep_alive.tick().fuse() => mailbox::keep_alive(),
            message = inbox.recv().fuse() => match message {
                Some(message) => mailbox::deliver(&message),
                None => return,
            },
            _ = (&mut shutdown).fuse() => break,
        }
    }
    while let Ok(message) = inbox.try_recv() {
        mailbox::deliver(&message);
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as it arrives,
/// and pings the client every [`KEEP_ALIVE`] meanwhile, until the client closes it.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let mut lines = BufReader::new(connection).lines();
    let mut next_ping = Instant::now() + KEEP_ALIVE;
    loop {
        match timeout_at(next_ping, lines.next_line()).await {
            Ok(line) => match line? {
                Some(line) => mailbox::deliver(&line),
                None => return Ok(()),
            },
            Err(_elapsed) => {
                mailbox::keep_alive();
                next_ping += KEEP_ALIVE;
            }
        }
    }
}
