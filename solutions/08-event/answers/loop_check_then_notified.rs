//! grader: expect fail late_runners_start_at_once "wait() looks at the flag before it creates its `notified()` future"
//! A loop that looks at the flag, then awaits a fresh `notified()`: still look-then-register,
//! so a `set()` between the look and the `notified()` wakes nobody.

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

    /// Sleeps until the flag is set.
    pub async fn wait(&self) {
        while !self.fired.load(Ordering::Acquire) {
            self.gun.notified().await;
        }
    }
}
