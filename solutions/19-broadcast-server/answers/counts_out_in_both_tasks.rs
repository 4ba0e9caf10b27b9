//! grader: expect fail leaving_clients_are_counted_out "counted out more than once"
//! Both of a client's tasks count it out when they end: the reading side when the client
//! hangs up, and the writing side when a write to the closed socket fails.
//! grader: replaces items

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };

    // Subscribe first: from now on this client hears everything, its own arrival included.
    let inbox = room.messages.subscribe();
    room.online.fetch_add(1, Ordering::SeqCst);
    room.say(format!("* {name} joined"));

    // Two directions at once: a task passes the room's messages on to the client, while
    // this one reads what the client says.
    let forwarder = tokio::spawn({
        let room = Arc::clone(&room);
        async move {
            let _ = forward(inbox, writer).await;
            // The client can't be written to any more: it has gone.
            room.online.fetch_sub(1, Ordering::SeqCst);
        }
    });
    let reading = async {
        while let Some(line) = lines.next_line().await? {
            room.say(format!("{name}: {line}"));
        }
        Ok(())
    };
    // `None` from `next_line()` is the client hanging up (Python's WebSocketDisconnect);
    // an error is a broken connection. Either way the client is gone.
    let outcome: io::Result<()> = reading.await;
    drop(forwarder);
    room.online.fetch_sub(1, Ordering::SeqCst);
    room.say(format!("* {name} left"));
    outcome
}
