//! grader: expect fail slow_client_misses_messages_but_stays "stopped passing messages on to him"
//! One task per client with `tokio::select!`, but `recv()`'s result is unwrapped: the first
//! `Lagged` panics, and the slow client's connection dies with its task.
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

async fn handle_client(mut stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, mut writer) = stream.split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let mut inbox = room.messages.subscribe();
    room.online.fetch_add(1, Ordering::SeqCst);
    let _ = room.messages.send(format!("* {name} joined"));

    loop {
        tokio::select! {
            line = lines.next_line() => match line {
                Ok(Some(line)) => {
                    let _ = room.messages.send(format!("{name}: {line}"));
                }
                _ => break,
            },
            message = inbox.recv() => {
                let message = message.unwrap();
                if writer.write_all(format!("{message}\n").as_bytes()).await.is_err() {
                    break;
                }
            }
        }
    }
    room.online.fetch_sub(1, Ordering::SeqCst);
    let _ = room.messages.send(format!("* {name} left"));
    Ok(())
}
