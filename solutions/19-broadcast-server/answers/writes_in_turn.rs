//! grader: expect fail slow_client_misses_messages_but_stays "one slow client stalls the whole room"
//! The notes' ConnectionManager, ported: a locked list of sockets, and a broadcast that
//! writes to each of them in turn. One client that doesn't read stalls everyone.
//! grader: replaces items

use std::sync::atomic::AtomicU64;
use tokio::sync::Mutex;

#[derive(Debug)]
pub struct ChatRoom {
    /// Every client's socket (its writing half), with an id to find it again.
    connections: Mutex<Vec<(u64, OwnedWriteHalf)>>,
    next_id: AtomicU64,
    online: AtomicUsize,
}

impl ChatRoom {
    pub fn new(_capacity: usize) -> Arc<ChatRoom> {
        Arc::new(ChatRoom {
            connections: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(0),
            online: AtomicUsize::new(0),
        })
    }

    pub fn online(&self) -> usize {
        self.online.load(Ordering::SeqCst)
    }

    async fn broadcast(&self, message: &str) {
        let line = format!("{message}\n");
        for (_, connection) in self.connections.lock().await.iter_mut() {
            let _ = connection.write_all(line.as_bytes()).await;
        }
    }
}

async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let id = join(&room, writer, &name).await;
    let outcome = listen(lines, &room, &name).await;
    leave(&room, id, &name).await;
    outcome
}

/// Adds the client's socket to the room's list, counts it in and tells everyone.
async fn join(room: &ChatRoom, writer: OwnedWriteHalf, name: &str) -> u64 {
    let id = room.next_id.fetch_add(1, Ordering::SeqCst);
    room.connections.lock().await.push((id, writer));
    room.online.fetch_add(1, Ordering::SeqCst);
    room.broadcast(&format!("* {name} joined")).await;
    id
}

/// Says every line the client sends to the room, writing it to each socket in turn.
async fn listen(mut lines: Lines<BufReader<OwnedReadHalf>>, room: &ChatRoom, name: &str) -> io::Result<()> {
    while let Some(line) = lines.next_line().await? {
        room.broadcast(&format!("{name}: {line}")).await;
    }
    Ok(())
}

/// Takes the client's socket off the list, counts it out and tells the others.
async fn leave(room: &ChatRoom, id: u64, name: &str) {
    room.connections.lock().await.retain(|(other, _)| *other != id);
    room.online.fetch_sub(1, Ordering::SeqCst);
    room.broadcast(&format!("* {name} left")).await;
}
