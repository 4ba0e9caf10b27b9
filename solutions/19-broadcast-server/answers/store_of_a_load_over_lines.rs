//! grader: expect fail the_head_count_changes_in_one_step "is read, then a new value is stored in a second step"
//! The count read and stored in one expression, as rustfmt breaks a long call over
//! lines: the `load` sits on the line after `store(`, where a text scanner that looked
//! at the store's line and the one before never saw it.
//! grader: replaces items

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
