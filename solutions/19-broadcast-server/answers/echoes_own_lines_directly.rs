//! grader: expect fail slow_client_misses_messages_but_stays "it did not reach him in the room's order"
//! The speaker's own lines are echoed straight to its socket (its forwarder skips them):
//! a client with messages still queued sees its own line ahead of them.
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
    let writer = Arc::new(tokio::sync::Mutex::new(writer));
    let forwarder = tokio::spawn(forward(inbox, Arc::clone(&writer), format!("{name}: ")));
    let reading = async {
        while let Some(line) = lines.next_line().await? {
            let line = format!("{name}: {line}");
            room.say(line.clone());
            // The speaker sees its own line at once; its forwarder skips it.
            writer.lock().await.write_all(format!("{line}\n").as_bytes()).await?;
        }
        Ok(())
    };
    // `None` from `next_line()` is the client hanging up (Python's WebSocketDisconnect);
    // an error is a broken connection. Either way the client is gone.
    let outcome: io::Result<()> = reading.await;
    forwarder.abort();
    room.online.fetch_sub(1, Ordering::SeqCst);
    room.say(format!("* {name} left"));
    outcome
}

/// Passes every message of the room on to one client, until the client is gone.
async fn forward(
    mut inbox: broadcast::Receiver<String>,
    writer: Arc<tokio::sync::Mutex<OwnedWriteHalf>>,
    own: String,
) -> io::Result<()> {
    loop {
        let line = match inbox.recv().await {
            Ok(line) => line,
            // This client fell behind and the room no longer has what it missed: say so,
            // and carry on with the oldest message still kept.
            Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(RecvError::Closed) => return Ok(()),
        };
        if line.starts_with(&own) {
            continue; // already echoed by the reading side
        }
        writer.lock().await.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
