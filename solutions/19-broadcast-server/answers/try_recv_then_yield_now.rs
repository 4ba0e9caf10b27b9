//! grader: expect fail the_server_awaits_instead_of_polling "yields to the runtime (`yield_now`) and looks whether"
//! The task that passes the room on to the client asks `try_recv()` and, when nothing is
//! there, yields and asks again: `while True: ...; await asyncio.sleep(0)`.
//! grader: replaces items

use tokio::sync::broadcast::error::TryRecvError;

/// One client, from its name to its last line.
async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) -> io::Result<()> {
    let (reader, writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else { return Ok(()) };

    let inbox = room.messages.subscribe();
    room.online.fetch_add(1, Ordering::SeqCst);
    room.say(format!("* {name} joined"));

    let forwarder = tokio::spawn(forward(inbox, writer));
    let outcome: io::Result<()> = async {
        while let Some(line) = lines.next_line().await? {
            room.say(format!("{name}: {line}"));
        }
        Ok(())
    }
    .await;
    forwarder.abort();
    room.online.fetch_sub(1, Ordering::SeqCst);
    room.say(format!("* {name} left"));
    outcome
}

/// Passes the room's messages on to one client: looks for a new one, yields, looks again.
async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: OwnedWriteHalf) -> io::Result<()> {
    loop {
        let line = match inbox.try_recv() {
            Ok(line) => line,
            Err(TryRecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(TryRecvError::Empty) => {
                tokio::task::yield_now().await;
                continue;
            }
            Err(TryRecvError::Closed) => return Ok(()),
        };
        writer.write_all(format!("{line}\n").as_bytes()).await?;
    }
}
