//! grader: expect fail the_head_count_changes_in_one_step "is read, then a new value is stored in a second step"
//! `load_then_store_count` with a comment (on arrival) and a blank line (on leaving)
//! between the read and the store: a text scanner looked only at the line before the
//! store and let both through; the parser follows the `let` the store uses.
//! grader: replaces items

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };

    // Subscribe first: from now on this client hears everything, its own arrival included.
    let inbox = room.messages.subscribe();
    let count = room.online();
    // One more in the room.
    room.online.store(count + 1, Ordering::SeqCst);
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
    let count = room.online();

    room.online.store(count - 1, Ordering::SeqCst);
    room.say(format!("* {name} left"));
    outcome
}
