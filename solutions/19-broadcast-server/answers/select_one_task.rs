//! grader: expect pass
//! Another correct answer: one task per client, racing both directions in `tokio::select!`
//! over the borrowed halves of `stream.split()`, and a guard whose `Drop` counts the client
//! out and tells the room, however the task ends. It writes each line in two pieces, which
//! Nagle's algorithm slows to about 40 ms a line: still well within the checks' limits.
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

/// A client in the room: counted in when made, counted out (and announced) when dropped.
struct Member {
    room: Arc<ChatRoom>,
    name: String,
}

impl Member {
    fn join(room: &Arc<ChatRoom>, name: String) -> Member {
        room.online.fetch_add(1, Ordering::SeqCst);
        let _ = room.messages.send(format!("* {name} joined"));
        Member { room: Arc::clone(room), name }
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        self.room.online.fetch_sub(1, Ordering::SeqCst);
        let _ = self.room.messages.send(format!("* {} left", self.name));
    }
}

pub async fn serve(listener: TcpListener, room: Arc<ChatRoom>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(handle_client(stream, Arc::clone(&room)));
            }
            Err(error) => eprintln!("accept failed: {error}"),
        }
    }
}

async fn handle_client(mut stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, mut writer) = stream.split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let mut inbox = room.messages.subscribe();
    let member = Member::join(&room, name);

    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => {
                    let _ = room.messages.send(format!("{}: {line}", member.name));
                }
                None => return Ok(()),
            },
            message = inbox.recv() => {
                let line = match message {
                    Ok(line) => line,
                    Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
                    Err(RecvError::Closed) => return Ok(()),
                };
                writer.write_all(line.as_bytes()).await?;
                writer.write_all(b"\n").await?;
            }
        }
    }
}
