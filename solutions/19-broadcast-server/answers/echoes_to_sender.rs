//! grader: expect fail everyone_hears_every_message_once "heard `alice: hello, everyone` twice"
//! grader: expect fail leaving_clients_are_counted_out "twice"
//! grader: expect fail slow_client_misses_messages_but_stays "twice"
//! Echoes each line straight back to its sender, as a request handler would, and also sends
//! it to the room, where the sender's own receiver passes it on again: two copies.
//! grader: replaces items

use tokio::sync::Mutex;

async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let writer = Arc::new(Mutex::new(writer));
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let inbox = join(&room, &name);

    let forwarder = tokio::spawn(forward(inbox, Arc::clone(&writer)));
    let outcome = async {
        while let Some(line) = lines.next_line().await? {
            let said = format!("{name}: {line}");
            // Let the sender see it at once...
            writer.lock().await.write_all(format!("{said}\n").as_bytes()).await?;
            // ...and everyone else through the room.
            room.say(said);
        }
        Ok(())
    }
    .await;
    forwarder.abort();
    leave(&room, &name);
    outcome
}

async fn forward(mut inbox: broadcast::Receiver<String>, writer: Arc<Mutex<OwnedWriteHalf>>) -> io::Result<()> {
    loop {
        let line = match inbox.recv().await {
            Ok(line) => line,
            Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(RecvError::Closed) => return Ok(()),
        };
        writer.lock().await.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
