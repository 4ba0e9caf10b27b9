//! grader: expect pass
//! Another correct answer: `wait()` creates its `notified()` future before it looks at
//! the flag (no `enable()`: `notify_waiters()` reaches a `Notified` from the moment it
//! is created), with a quick look first as a shortcut.

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

    /// Fires the start: the flag first, then the wake-up.
    pub fn set(&self) {
        if !self.fired.swap(true, Ordering::SeqCst) {
            self.gun.notify_waiters();
        }
    }

    /// A shortcut look, then register, look again, sleep.
    pub async fn wait(&self) {
        if self.is_set() {
            return;
        }
        let notified = self.gun.notified();
        if self.is_set() {
            return;
        }
        notified.await;
    }
}
