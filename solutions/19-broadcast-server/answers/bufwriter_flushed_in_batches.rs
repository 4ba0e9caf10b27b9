//! grader: expect pass
//! Another correct answer: the forwarder writes through a `BufWriter`, takes what else is
//! already waiting with `try_recv()` after each `recv()` (no timer: it never waits
//! there), and flushes once the inbox is empty, so a burst goes out in one write.
//! grader: replaces items

use tokio::io::BufWriter;
use tokio::sync::broadcast::error::TryRecvError;

/// Passes every message of the room on to one client, until the client is gone.
async fn forward(mut inbox: broadcast::Receiver<String>, writer: OwnedWriteHalf) -> io::Result<()> {
    let mut writer = BufWriter::new(writer);
    loop {
        let mut next = match inbox.recv().await {
            Ok(line) => Some(line),
            Err(RecvError::Lagged(missed)) => Some(format!("(missed {missed} messages)")),
            Err(RecvError::Closed) => return Ok(()),
        };
        while let Some(line) = next {
            writer.write_all(line.as_bytes()).await?;
            writer.write_all(b"\n").await?;
            next = match inbox.try_recv() {
                Ok(line) => Some(line),
                Err(TryRecvError::Lagged(missed)) => Some(format!("(missed {missed} messages)")),
                Err(TryRecvError::Empty | TryRecvError::Closed) => None,
            };
        }
        writer.flush().await?;
    }
}
