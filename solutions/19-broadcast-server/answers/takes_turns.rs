//! grader: expect fail everyone_hears_every_message_once "takes turns, like a request handler"
//! grader: expect fail leaving_clients_are_counted_out "takes turns, like a request handler"
//! grader: expect fail slow_client_misses_messages_but_stays "takes turns, like a request handler"
//! One task per client that passes on what the room said (`try_recv`), then waits for the
//! client's next line: a client hears the room only when it speaks.
//! grader: replaces items

async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let mut inbox = join(&room, &name);

    loop {
        // Pass on everything the room said since last time...
        while let Ok(message) = inbox.try_recv() {
            writer.write_all(format!("{message}\n").as_bytes()).await?;
        }
        // ...then wait for this client to say something.
        let Some(line) = lines.next_line().await? else { break };
        room.say(format!("{name}: {line}"));
    }
    leave(&room, &name);
    Ok(())
}
