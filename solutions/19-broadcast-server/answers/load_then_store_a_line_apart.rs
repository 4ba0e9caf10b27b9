//! grader: expect fail the_head_count_changes_in_one_step "is read, then a new value is stored in a second step"
//! `load_then_store_count` with a comment (on arrival) and a blank line (on leaving)
//! between the read and the store: a text scanner looked only at the line before the
//! store and let both through; the parser follows the `let` the store uses.
//! grader: replaces items

/// Counts `name` into the room and tells everyone. It subscribes first: from now on this
/// client hears everything, its own arrival included.
fn join(room: &ChatRoom, name: &str) -> broadcast::Receiver<String> {
    let inbox = room.messages.subscribe();
    let count = room.online();
    // One more in the room.
    room.online.store(count + 1, Ordering::SeqCst);
    room.say(format!("* {name} joined"));
    inbox
}

/// Counts `name` out of the room and tells the others.
fn leave(room: &ChatRoom, name: &str) {
    let count = room.online();

    room.online.store(count - 1, Ordering::SeqCst);
    room.say(format!("* {name} left"));
}
