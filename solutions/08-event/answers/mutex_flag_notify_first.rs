//! grader: expect fail late_runners_start_at_once "set() wakes the waiters before it stores the flag"
//! A `Mutex<bool>` and a `Notify`: `set()` calls `notify_waiters()` and only then sets
//! the bool, so there is a moment when the runners are woken but the flag says "not set".

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

    /// Fires the start.
    pub fn set(&self) {
        self.gun.notify_waiters();
        *self.fired.lock().unwrap() = true;
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        *self.fired.lock().unwrap()
    }

    /// Registers, looks, then sleeps.
    pub async fn wait(&self) {
        let notified = self.gun.notified();
        if self.is_set() {
            return;
        }
        notified.await;
    }
}
