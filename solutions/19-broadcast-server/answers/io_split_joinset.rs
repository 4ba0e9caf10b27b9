//! grader: expect pass
//! Another correct answer: `tokio::io::split`, and both directions as tasks in a `JoinSet`;
//! when either ends, dropping the set aborts the other.
//! grader: replaces items

use tokio::io::{Lines, ReadHalf, WriteHalf};
use tokio::task::JoinSet;

async fn handle_client(stream: TcpStream, room: Arc<ChatRoom>) {
    let (reader, writer) = tokio::io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    let Ok(Some(name)) = lines.next_line().await else { return };
    let inbox = join(&room, &name);

    let mut directions = JoinSet::new();
    directions.spawn(listen(lines, Arc::clone(&room), name.clone()));
    directions.spawn(forward(inbox, writer));
    // Whichever ends first, the client is gone; dropping the set aborts the other.
    directions.join_next().await;
    drop(directions);
    leave(&room, &name);
}

async fn listen(mut lines: Lines<BufReader<ReadHalf<TcpStream>>>, room: Arc<ChatRoom>, name: String) {
    while let Ok(Some(line)) = lines.next_line().await {
        room.say(format!("{name}: {line}"));
    }
}

async fn forward(mut inbox: broadcast::Receiver<String>, mut writer: WriteHalf<TcpStream>) {
    loop {
        let line = match inbox.recv().await {
            Ok(line) => line,
            Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
            Err(RecvError::Closed) => return,
        };
        if writer.write_all(format!("{line}\n").as_bytes()).await.is_err() {
            return;
        }
    }
}
