//! grader: expect pass
//! Another correct answer: no task per direction; the reading loop and the forwarding
//! loop are two futures raced in one `select!`, in the client's own task. When the
//! reading ends, the forwarding future is dropped there and then, so nothing more is
//! written; if the forwarding ends first (a write failed), the reading goes on alone.
//! grader: replaces items

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let inbox = join(&room, &name);
    let listening = listen(lines, &room, &name);
    tokio::pin!(listening);
    let outcome = tokio::select! {
        outcome = &mut listening => outcome,
        _ = forward(inbox, writer) => listening.await,
    };
    leave(&room, &name);
    outcome
}
