//! grader: expect fail the_server_awaits_instead_of_polling "waits by polling"
//! The task that passes the room on to the client asks `try_recv()` and, when nothing is
//! there, sleeps 10 ms and asks again: like `while True: ...; await asyncio.sleep(0.01)`.
//! grader: replaces items

use tokio::sync::broadcast::error::TryRecvError;

/// Passes the room's messages on to one client: looks for a new one every 10 ms.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    loop {
        let line = match inbox.try_recv() {
            Ok(line) => line,
            Err(TryRecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(TryRecvError::Empty) => {
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                continue;
            }
            Err(TryRecvError::Closed) => return Ok(()),
        };
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
