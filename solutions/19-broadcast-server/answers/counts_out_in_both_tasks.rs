//! grader: expect fail leaving_clients_are_counted_out "the server went on writing to a client that had left"
//! Both of a client's tasks count it out when they end: the reading side when the client
//! hangs up, and the writing side when a write to the closed socket fails. Its forwarder,
//! dropped rather than aborted, goes on writing to bob after he has hung up: the check
//! sees that first.
//! grader: replaces items

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let inbox = join(&room, &name);

    let forwarder = tokio::spawn({
        let room = Arc::clone(&room);
        async move {
            let _ = forward(inbox, writer).await;
            // The client can't be written to any more: it has gone.
            room.online.fetch_sub(1, Ordering::SeqCst);
        }
    });
    let outcome = listen(lines, &room, &name).await;
    drop(forwarder);
    leave(&room, &name);
    outcome
}
