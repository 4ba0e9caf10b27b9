//! grader: expect fail the_head_count_changes_in_one_step "is read, then a new value is stored in a second step"
//! The count read and stored in one expression, as rustfmt breaks a long call over
//! lines: the `load` sits on the line after `store(`, where a text scanner that looked
//! at the store's line and the one before never saw it.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};

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

    // Subscribe first: from now on this client hears everything, its own arrival included.
    let inbox = room.messages.subscribe();
    room.online.store(
        room.online.load(Ordering::SeqCst) + 1,
        Ordering::SeqCst,
    );
    room.say(format!("* {name} joined"));

    // Two directions at once: a task passes the room's messages on to the client, while
    // this one reads what the client says.
    let forwarder = tokio::spawn(forward(inbox, writer));
    let reading = async {
        while let Some(line) = lines.next_line().await? {
            room.say(format!("{name}: {line}"));
        }
        Ok(())
    };
    // `None` from `next_line()` is the client hanging up (Python's WebSocketDisconnect);
    // an error is a broken connection. Either way the client is gone.
    let outcome: io::Result<()> = reading.await;
    forwarder.abort();
    room.online.store(
        room.online.load(Ordering::SeqCst) - 1,
        Ordering::SeqCst,
    );
    room.say(format!("* {name} left"));
    outcome
}

/// Passes every message of the room on to one client, until the client is gone.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    loop {
        let line = match inbox.recv().await {
            Ok(line) => line,
            // This client fell behind and the room no longer has what it missed: say so,
            // and carry on with the oldest message still kept.
            Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(RecvError::Closed) => return Ok(()),
        };
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
