//! grader: expect pass
//! Another correct answer: one task per client, racing both directions in `tokio::select!`
//! over the borrowed halves of `stream.split()`, and a guard whose `Drop` counts the client
//! out and tells the room, however the task ends. It writes each line in two pieces, which
//! Nagle's algorithm slows to about 40 ms a line: still well within the checks' limits.
//! grader: replaces items

/// A client in the room: counted in when made, counted out (and announced) when dropped.
struct Member {
    room: Arc<ChatRoom>,
    name: String,
}

impl Member {
    /// Joins the room: the member, and its receiver of the room's messages.
    fn join(room: &Arc<ChatRoom>, name: String) -> (Member, broadcast::Receiver<String>) {
        let inbox = join(room, &name);
        (Member { room: Arc::clone(room), name }, inbox)
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        leave(&self.room, &self.name);
    }
}

async fn handle_client(mut stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, mut writer) = stream.split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let (member, mut inbox) = Member::join(&room, name);

    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => room.say(format!("{}: {line}", member.name)),
                None => return Ok(()),
            },
            message = inbox.recv() => {
                let line = match message {
                    Ok(line) => line,
                    Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
                    Err(RecvError::Closed) => return Ok(()),
                };
                writer.write_all(line.as_bytes()).await?;
                writer.write_all(b"\n").await?;
            }
        }
    }
}
