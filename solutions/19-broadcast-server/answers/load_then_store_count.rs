//! grader: expect fail the_head_count_changes_in_one_step "is read, then a new value is stored in a second step"
//! Counts a client in and out by reading `online()` and storing one more (or one less):
//! two clients joining at once on a multi-thread runtime can lose one.
//! grader: replaces items

/// Counts `name` into the room and tells everyone. It subscribes first: from now on this
/// client hears everything, its own arrival included.
fn join(room: &ChatRoom, name: &str) -> broadcast::Receiver<String> {
    let inbox = room.messages.subscribe();
    let count = room.online();
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
