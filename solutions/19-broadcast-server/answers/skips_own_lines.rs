//! grader: expect fail everyone_hears_every_message_once "Everyone heard it but alice"
//! grader: expect fail leaving_clients_are_counted_out "Everyone heard it but alice"
//! grader: expect fail slow_client_misses_messages_but_stays "Everyone heard it but alice"
//! Passes on every message except the client's own lines: a chat room where you don't see
//! what you said. This room's protocol sends them back to the sender too.
//! grader: replaces items
//! grader: replaces `forward(inbox, writer)` with `forward(inbox, writer, format!("{name}: "))`

/// Passes every message of the room on to one client but its own lines.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf, own: String) -> io::Result<()> {
    loop {
        let line = match inbox.recv().await {
            Ok(line) if line.starts_with(&own) => continue,
            Ok(line) => line,
            Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(RecvError::Closed) => return Ok(()),
        };
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
