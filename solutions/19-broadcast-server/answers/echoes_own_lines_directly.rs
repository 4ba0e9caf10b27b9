//! grader: expect fail slow_client_misses_messages_but_stays "it did not reach him in the room's order"
//! The speaker's own lines are echoed straight to its socket, as in `echoes_to_sender`, but
//! its forwarder skips them: a client with messages still queued sees its own line ahead
//! of them.
//! grader: based on echoes_to_sender
//! grader: replaces `forward(inbox, Arc::clone(&writer))` with `forward(inbox, Arc::clone(&writer), format!("{name}: "))`

/// Passes every message of the room on to one client but its own lines.
async fn forward(
    mut inbox: broadcast::Receiver<String>,
    writer: Arc<Mutex<OwnedWriteHalf>>,
    own: String,
) -> io::Result<()> {
    loop {
        let line = match inbox.recv().await {
            Ok(line) => line,
            Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(RecvError::Closed) => return Ok(()),
        };
        if line.starts_with(&own) {
            continue; // already echoed by the reading side
        }
        writer.lock().await.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
