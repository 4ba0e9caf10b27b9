//! grader: expect fail gun_before_anyone_lines_up "`watch::Sender::send` stores nothing"
//! A watch channel, but `set()` uses `send`, which stores nothing (and returns an error)
//! when no receiver exists: a gun fired before anyone lines up is lost.
//! grader: replaces `self.fired.send_replace(true);` with `let _ = self.fired.send(true);`
