//! grader: expect fail the_server_awaits_instead_of_polling "waits by polling"
//! Polls like `try_recv_then_sleep.rs`: asks `try_recv()`, sleeps 10 ms when nothing
//! is there, asks again. Each line it passes on has its double quotes turned into single
//! ones, with `line.replace(r#"""#, "'")`. Read as text, that raw string (one `"`
//! between `r#"` and `"#`) looked like an empty string and the start of another one
//! running on over the sleep; parsed, it is one string, and the sleep is code.
//! grader: replaces items

use tokio::sync::broadcast::error::TryRecvError;

/// Passes the room's messages on to one client, `"` as `'`: looks for a new one every 10 ms.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    loop {
        let line = match inbox.try_recv() {
            Ok(line) => line.replace(r#"""#, "'"),
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
