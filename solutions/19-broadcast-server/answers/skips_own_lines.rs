//! grader: expect fail everyone_hears_every_message_once "Everyone heard it but alice"
//! grader: expect fail leaving_clients_are_counted_out "Everyone heard it but alice"
//! grader: expect fail slow_client_misses_messages_but_stays "Everyone heard it but alice"
//! Passes on every message except the client's own lines: a chat room where you don't see
//! what you said. This room's protocol sends them back to the sender too.
//! grader: replaces items

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

    let forwarder = tokio::spawn(forward(inbox, writer, format!("{name}: ")));
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
