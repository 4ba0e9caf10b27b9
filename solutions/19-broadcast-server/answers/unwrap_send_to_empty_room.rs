//! grader: expect fail leaving_clients_are_counted_out "When the last client leaves"
//! Waits for the writing task to be gone before it says `* <name> left`, with `.unwrap()`
//! on the send: when the last client leaves, nobody is subscribed, `send` fails, and the
//! panic skips counting the client out.
//! grader: replaces items
//! grader: replaces `forwarder.abort();` with `forwarder.abort(); let _ = forwarder.await; // its receiver is gone now`

/// Tells the others that `name` left, then counts it out.
fn leave(room: &ChatRoom, name: &str) {
    room.messages.send(format!("* {name} left")).unwrap();
    room.online.fetch_sub(1, Ordering::SeqCst);
}
