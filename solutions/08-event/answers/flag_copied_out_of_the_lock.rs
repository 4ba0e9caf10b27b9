//! grader: expect fail late_runners_start_at_once "wait() looks at the flag before it creates its `notified()` future"
//! Looks like `look_and_register_under_one_lock`, but `let fired = *self.fired.lock()..`
//! copies the flag out: the guard is gone at the end of that statement, so a `set()`
//! can come between the look and the `notified()`. A text scanner took the `let` for a
//! guard kept; the parser sees the copy.

use std::sync::Mutex;

use tokio::sync::Notify;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: Mutex<bool>,
    gun: Notify,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Stores the flag under the lock, then wakes the waiters.
    pub fn set(&self) {
        *self.fired.lock().unwrap() = true;
        self.gun.notify_waiters();
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        *self.fired.lock().unwrap()
    }

    /// Looks at a copy of the flag, then registers: the lock is free in between.
    pub async fn wait(&self) {
        let fired = *self.fired.lock().unwrap();
        if fired {
            return;
        }
        self.gun.notified().await;
    }
}
