//! grader: expect fail slow_client_misses_messages_but_stays "stopped passing messages on to him"
//! Two tasks per client, but the writing one is `while let Ok(line) = inbox.recv().await`:
//! the first `Lagged` ends it, and the slow client never hears the room again.
//! grader: replaces items

use tokio::sync::broadcast;

impl ChatRoom {
    pub fn new(capacity: usize) -> Arc<ChatRoom> {
        let (messages, _) = broadcast::channel(capacity);
        Arc::new(ChatRoom { messages, online: AtomicUsize::new(0) })
    }

    pub fn online(&self) -> usize {
        self.online.load(Ordering::SeqCst)
    }
}

async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let inbox = room.messages.subscribe();
    room.online.fetch_add(1, Ordering::SeqCst);
    let _ = room.messages.send(format!("* {name} joined"));

    let forwarder = tokio::spawn(forward(inbox, writer));
    let outcome = async {
        while let Some(line) = lines.next_line().await? {
            let _ = room.messages.send(format!("{name}: {line}"));
        }
        Ok(())
    }
    .await;
    forwarder.abort();
    room.online.fetch_sub(1, Ordering::SeqCst);
    let _ = room.messages.send(format!("* {name} left"));
    outcome
}

async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    while let Ok(line) = inbox.recv().await {
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
    Ok(())
}
