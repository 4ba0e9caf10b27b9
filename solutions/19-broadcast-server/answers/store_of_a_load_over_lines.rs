//! grader: expect fail the_head_count_changes_in_one_step "is read, then a new value is stored in a second step"
//! The count read and stored in one expression, as rustfmt breaks a long call over
//! lines: the `load` sits on the line after `store(`, where a text scanner that looked
//! at the store's line and the one before never saw it.
//! grader: replaces items

/// Counts `name` into the room and tells everyone. It subscribes first: from now on this
/// client hears everything, its own arrival included.
fn join(room: &ChatRoom, name: &str) -> broadcast::Receiver<String> {
    let inbox = room.messages.subscribe();
    room.online.store(
        room.online.load(Ordering::SeqCst) + 1,
        Ordering::SeqCst,
    );
    room.say(format!("* {name} joined"));
    inbox
}

/// Counts `name` out of the room and tells the others.
fn leave(room: &ChatRoom, name: &str) {
    room.online.store(
        room.online.load(Ordering::SeqCst) - 1,
        Ordering::SeqCst,
    );
    room.say(format!("* {name} left"));
}
