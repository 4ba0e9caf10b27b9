//! grader: expect fail everyone_hears_every_message_once "gets only the messages sent after it was made"
//! grader: expect fail leaving_clients_are_counted_out "gets only the messages sent after it was made"
//! grader: expect fail slow_client_misses_messages_but_stays "gets only the messages sent after it was made"
//! The writing task subscribes to the room itself, but it starts only after the handler has
//! announced `* <name> joined`: the newcomer never hears its own arrival.
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
    room.online.fetch_add(1, Ordering::SeqCst);
    let forwarder = tokio::spawn(forward(Arc::clone(&room), writer));
    let _ = room.messages.send(format!("* {name} joined"));
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

async fn forward(room: Arc<ChatRoom>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    // Subscribes when the task first runs: after `* <name> joined` was sent.
    let mut inbox = room.messages.subscribe();
    loop {
        let line = match inbox.recv().await {
            Ok(line) => line,
            Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(RecvError::Closed) => return Ok(()),
        };
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
