//! grader: expect fail slow_client_misses_messages_but_stays "stopped passing messages on to him"
//! One task per client with `tokio::select!`, but `recv()`'s result is unwrapped: the first
//! `Lagged` panics, and the slow client's connection dies with its task.
//! grader: replaces items

async fn handle_client(mut stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, mut writer) = stream.split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };
    let mut inbox = join(&room, &name);

    loop {
        tokio::select! {
            line = lines.next_line() => match line {
                Ok(Some(line)) => room.say(format!("{name}: {line}")),
                _ => break,
            },
            message = inbox.recv() => {
                let message = message.unwrap();
                if writer.write_all(format!("{message}\n").as_bytes()).await.is_err() {
                    break;
                }
            }
        }
    }
    leave(&room, &name);
    Ok(())
}
