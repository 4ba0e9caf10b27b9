//! grader: expect fail leaving_clients_are_counted_out "the server went on writing to a client that had left"
//! The handler counts the client out and says it left, but never stops its forwarding
//! task (the `JoinHandle` is just dropped): the server goes on writing the room's
//! messages to a client that has hung up, until a write fails.
//! grader: replaces items

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let inbox = join(&room, &name);
    tokio::spawn(forward(inbox, writer));
    let outcome = listen(lines, &room, &name).await;
    leave(&room, &name);
    outcome
}
