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

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;

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
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };

    let mut inbox = room.messages.subscribe();
    room.online.fetch_add(1, Ordering::SeqCst);
    let _ = room.messages.send(format!("* {name} joined"));

    // TODO: this loop takes turns, like a request handler: it waits for the client to say
    //       something, and only then passes one message on to it. A chat client must hear
    //       the room while it says nothing: hearing and being heard go on at the same time.
    while let Some(line) = lines.next_line().await? {
        let _ = room.messages.send(format!("{name}: {line}"));
        // TODO: when this client falls more than `capacity` messages behind the room,
        //       receiving fails and says how many it missed. That is no reason to drop
        //       the client: tell it `(missed n messages)` and go on.
        let message = inbox.recv().await.expect("a message");
        writer.write_all(format!("{message}\n").as_bytes()).await?;
    }

    // TODO: the client has hung up (or its connection broke): count it out of `online`,
    //       and tell the room `* {name} left`. Make sure an early `?` can't skip this.
    Ok(())
}
