//! grader: expect pass
//! Another correct answer: `wait()` creates its `notified()` future before it looks at
//! the flag (no `enable()`: `notify_waiters()` reaches a `Notified` from the moment it
//! is created), with a quick look first as a shortcut.
//! grader: based on notify_and_flag
//! grader: replaces `let mut notified = pin!(self.gun.notified());` with `if self.is_set() { return; } let notified = pin!(self.gun.notified());`
//! grader: replaces `notified.as_mut().enable();` with ``
