//! grader: expect fail leaving_clients_are_counted_out "still said 3"
//! Two tasks per client, and `* <name> left` when it goes, but the client is never counted
//! out of `online`.
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

    let forwarder = tokio::spawn(forward(inbox, writer));
    let outcome = async {
        while let Some(line) = lines.next_line().await? {
            let _ = room.messages.send(format!("{name}: {line}"));
        }
        Ok(())
    }
    .await;
    forwarder.abort();
    let _ = room.messages.send(format!("* {name} left"));
    outcome
}
