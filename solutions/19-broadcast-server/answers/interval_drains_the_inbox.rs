//! grader: expect fail the_server_awaits_instead_of_polling "waits by polling"
//! The task that passes the room on to the client wakes on a 5 ms `interval` and then
//! passes on whatever `try_recv()` has for it, like a game loop that checks its inbox.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::TryRecvError};

/// The chat room: one broadcast channel that every client listens to, and a head count.
#[derive(Debug)]
pub struct ChatRoom {
    /// Every line said in the room goes into this channel; each client reads it through
    /// its own `Receiver` (`messages.subscribe()`).
    messages: broadcast::Sender<String>,
    /// How many clients are in the room right now.
    online: AtomicUsize,
}

impl ChatRoom {
    /// An empty room that keeps the last `capacity` messages for clients that fall behind.
    pub fn new(capacity: usize) -> Arc<ChatRoom> {
        let (messages, _) = broadcast::channel(capacity);
        Arc::new(ChatRoom { messages, online: AtomicUsize::new(0) })
    }

    /// How many clients are in the room now: joined and not yet gone.
    pub fn online(&self) -> usize {
        self.online.load(Ordering::SeqCst)
    }

    /// Says `line` to everyone in the room. Nobody being there to hear it is no error.
    fn say(&self, line: String) {
        let _ = self.messages.send(line);
    }
}

/// Accepts clients on `listener` for as long as it runs, each in a task of its own.
pub async fn serve(listener: TcpListener, room: Arc<ChatRoom>) {
    loop {
        let Ok((stream, _address)) = listener.accept().await else { continue };
        tokio::spawn(handle_client(stream, Arc::clone(&room)));
    }
}

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };

    let inbox = room.messages.subscribe();
    room.online.fetch_add(1, Ordering::SeqCst);
    room.say(format!("* {name} joined"));

    let forwarder = tokio::spawn(forward(inbox, writer));
    let outcome: io::Result<()> = async {
        while let Some(line) = lines.next_line().await? {
            room.say(format!("{name}: {line}"));
        }
        Ok(())
    }
    .await;
    forwarder.abort();
    room.online.fetch_sub(1, Ordering::SeqCst);
    room.say(format!("* {name} left"));
    outcome
}

/// Passes the room's messages on to one client, a batch every 5 ms.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    let mut ticks = tokio::time::interval(std::time::Duration::from_millis(5));
    loop {
        ticks.tick().await;
        loop {
            let line = match inbox.try_recv() {
                Ok(line) => line,
                Err(TryRecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Closed) => return Ok(()),
            };
            writer.write_all(format!("{line}\n").as_bytes()).await?;
        }
    }
}
