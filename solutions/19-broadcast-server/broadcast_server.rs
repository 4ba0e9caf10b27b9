//! # 19 · broadcast server: a chat room over TCP
//!
//! The notes' FastAPI `ConnectionManager` keeps a list of WebSockets and, to broadcast,
//! awaits `send_text` on each of them in turn. Here the same chat room is a real TCP
//! server, and the Rust tool for "every message to every client" is
//! `tokio::sync::broadcast`: one `Sender` for the room, one `Receiver` per client (from
//! `subscribe()`), each with its own place in the queue.
//!
//! The protocol, one line at a time:
//! - a client connects and sends its name, say `alice`;
//! - the room hears `* alice joined`, alice included;
//! - every line alice sends after that reaches everyone, alice included, as `alice: <line>`;
//! - when alice hangs up, the others hear `* alice left`, and `online()` counts her out;
//! - a client who reads too slowly to keep up misses the oldest messages the room no longer
//!   keeps (`ChatRoom::new(capacity)`): instead, it gets one line `(missed N messages)`,
//!   and then the rest, like everyone else.
//!
//! The checks start your server on `127.0.0.1` and talk to it over real sockets. Run
//! `grader check 19` to see how it went. The chapter is `docs/src/19-broadcast-server.md`.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
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
    let inbox = join(&room, &name);

    // Two directions at once: a task passes the room's messages on to the client, while
    // this one reads what the client says.
    let forwarder = tokio::spawn(forward(inbox, writer));
    let outcome = listen(lines, &room, &name).await;
    // However the reading ended, the client is gone: clean up before saying how.
    forwarder.abort();
    leave(&room, &name);
    outcome
}

/// Counts `name` into the room and tells everyone. It subscribes first: from now on this
/// client hears everything, its own arrival included.
fn join(room: &ChatRoom, name: &str) -> broadcast::Receiver<String> {
    let inbox = room.messages.subscribe();
    room.online.fetch_add(1, Ordering::SeqCst);
    room.say(format!("* {name} joined"));
    inbox
}

/// Says every line the client sends to the room. `Ok` when the client hangs up (`None`
/// from `next_line()`, Python's WebSocketDisconnect), `Err` when its connection breaks.
async fn listen(mut lines: Lines<BufReader<OwnedReadHalf>>, room: &ChatRoom, name: &str) -> io::Result<()> {
    while let Some(line) = lines.next_line().await? {
        room.say(format!("{name}: {line}"));
    }
    Ok(())
}

/// Counts `name` out of the room and tells the others.
fn leave(room: &ChatRoom, name: &str) {
    room.online.fetch_sub(1, Ordering::SeqCst);
    room.say(format!("* {name} left"));
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
