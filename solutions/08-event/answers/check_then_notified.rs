//! grader: expect fail late_runners_start_at_once "wait() looks at the flag before it creates its `notified()` future"
//! The "obvious" order: `wait()` returns if the flag is set, and otherwise awaits
//! `notified()`. A `set()` between the look and the `notified()` is lost.

use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: AtomicBool,
    gun: Notify,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Fires the start.
    pub fn set(&self) {
        self.fired.store(true, Ordering::SeqCst);
        self.gun.notify_waiters();
    }

    /// Returns at once if set, otherwise sleeps until `set()`.
    pub async fn wait(&self) {
        if self.is_set() {
            return;
        }
        self.gun.notified().await;
    }
}
