//! grader: expect fail slow_client_misses_messages_but_stays "stopped passing messages on to him"
//! Two tasks per client, but the writing one is `while let Ok(line) = inbox.recv().await`:
//! the first `Lagged` ends it, and the slow client never hears the room again.
//! grader: replaces items

/// Passes the room's messages on to one client, until receiving fails.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    while let Ok(line) = inbox.recv().await {
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
    Ok(())
}
