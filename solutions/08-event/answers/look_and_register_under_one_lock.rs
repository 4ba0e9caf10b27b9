//! grader: expect pass
//! Another correct answer: a `Mutex<bool>` next to a `Notify`. `wait()` looks at the
//! flag and creates its `notified()` while it holds the lock that `set()` stores the
//! flag under, so no `set()` can come in between.

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

    /// Looks and registers under the lock, then sleeps without it.
    pub async fn wait(&self) {
        let notified = {
            let fired = self.fired.lock().unwrap();
            if *fired {
                return;
            }
            self.gun.notified()
        };
        notified.await;
    }
}
