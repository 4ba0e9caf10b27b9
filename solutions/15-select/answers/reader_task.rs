//! grader: expect pass
//! Another correct answer: one pinned `Sleep` that is `reset` one period on each time it
//! fires; and a reader task that reads the lines with a plain loop (nothing cancels it
//! there) and forwards them over a channel, whose `recv()` is cancel safe.
//! grader: replaces items

use std::pin::pin;
use tokio::time::{interval, sleep};

/// Delivers each message of `inbox` as it arrives and pings the client every
/// [`KEEP_ALIVE`], until the server signals `shutdown` (messages sent before the
/// signal are delivered first) or the client hangs up (every sender is dropped).
pub async fn serve_inbox(mut inbox: mpsc::Receiver<String>, mut shutdown: oneshot::Receiver<()>) {
    let mut ping = pin!(sleep(KEEP_ALIVE));
    loop {
        tokio::select! {
            biased;
            message = inbox.recv() => match message {
                Some(message) => mailbox::deliver(&message),
                None => break,
            },
            () = &mut ping => {
                mailbox::keep_alive();
                let next = ping.deadline() + KEEP_ALIVE;
                ping.as_mut().reset(next);
            }
            _ = &mut shutdown => break,
        }
    }
}

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(connection: DuplexStream) -> io::Result<()> {
    let (line_sender, mut lines) = mpsc::channel(16);
    let reader = tokio::spawn(async move {
        let mut reader = BufReader::new(connection).lines();
        while let Some(line) = reader.next_line().await? {
            if line_sender.send(line).await.is_err() {
                break;
            }
        }
        Ok::<(), io::Error>(())
    });
    let mut keep_alive = interval(KEEP_ALIVE);
    keep_alive.tick().await; // the first tick of an interval is at once
    loop {
        tokio::select! {
            line = lines.recv() => match line {
                Some(line) => mailbox::deliver(&line),
                None => break,
            },
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
    reader.await.map_err(io::Error::other)?
}
