//! grader: expect fail leaving_clients_are_counted_out "still said 3"
//! Two tasks per client, and `* <name> left` when it goes, but the client is never counted
//! out of `online`.
//! grader: replaces items

/// Tells the others that `name` left, and that is all.
fn leave(room: &ChatRoom, name: &str) {
    room.say(format!("* {name} left"));
}
