//! grader: expect fail the_server_awaits_instead_of_polling "waits by polling"
//! One task per client that takes turns with short timeouts: it waits at most 20 ms for
//! the client's next line, then passes on what `try_recv()` has, and round again.
//! grader: replaces items

use tokio::sync::broadcast::error::TryRecvError;

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let mut inbox = join(&room, &name);

    let outcome: io::Result<()> = async {
        loop {
            match tokio::time::timeout(std::time::Duration::from_millis(20), lines.next_line()).await {
                Ok(Ok(Some(line))) => room.say(format!("{name}: {line}")),
                Ok(Ok(None)) => return Ok(()),
                Ok(Err(error)) => return Err(error),
                Err(_) => {} // nothing said: see what the room has
            }
            loop {
                let line = match inbox.try_recv() {
                    Ok(line) => line,
                    Err(TryRecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
                    Err(_) => break,
                };
                writer.write_all(format!("{line}\n").as_bytes()).await?;
            }
        }
    }
    .await;
    leave(&room, &name);
    outcome
}
