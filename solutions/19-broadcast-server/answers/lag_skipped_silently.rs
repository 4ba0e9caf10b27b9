//! grader: expect fail slow_client_misses_messages_but_stays "which he learns about from one line, `(missed n messages)`"
//! On `Lagged(n)` the forwarder just goes on with the next message, "nothing to say about
//! it": the slow client is never told that it missed anything.
//! grader: replaces items

/// Passes every message of the room on to one client, until the client is gone.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    loop {
        let line = match inbox.recv().await {
            Ok(line) => line,
            Err(RecvError::Lagged(_)) => continue,
            Err(RecvError::Closed) => return Ok(()),
        };
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
