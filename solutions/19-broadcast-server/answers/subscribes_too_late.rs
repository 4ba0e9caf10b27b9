//! grader: expect fail everyone_hears_every_message_once "gets only the messages sent after it was made"
//! grader: expect fail leaving_clients_are_counted_out "gets only the messages sent after it was made"
//! grader: expect fail slow_client_misses_messages_but_stays "gets only the messages sent after it was made"
//! The writing task subscribes to the room itself, but it starts only after the handler has
//! announced `* <name> joined`: the newcomer never hears its own arrival.
//! grader: replaces items
//! grader: replaces `let inbox = join(&room, &name);` with `join(&room, &name);`
//! grader: replaces `forward(inbox, writer)` with `subscribe_then_forward(Arc::clone(&room), writer)`

/// Counts `name` into the room and tells everyone.
fn join(room: &ChatRoom, name: &str) {
    room.online.fetch_add(1, Ordering::SeqCst);
    room.say(format!("* {name} joined"));
}

/// Subscribes when the task first runs: after `* <name> joined` was sent.
async fn subscribe_then_forward(room: Arc<ChatRoom>, writer: OwnedWriteHalf) -> io::Result<()> {
    forward(room.messages.subscribe(), writer).await
}
